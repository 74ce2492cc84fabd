"""The user's profile: what the plan and the group advice need to know about them.

Stored as JSON in the workspace ``settings`` table under ``profile``. Every field has a
sensible default so the plan runs without any profile at all.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from outreach.errors import OutreachError
from outreach.store import get_setting, set_setting

SETTING_KEY = "profile"


@dataclass(frozen=True)
class Profile:
    name: str = ""
    home_city: str = ""                 # free text as typed: "Austin, TX", "Leeds"
    willing_to_relocate: bool = False
    roles: tuple[str, ...] = ()         # keywords of roles wanted: ("data engineer", "analytics")
    salary_min: int | None = None       # yearly, in the user's currency
    salary_max: int | None = None
    hours_per_month: float = 8.0        # time budget for in-person networking
    messages_per_week: int = 10         # new outreach messages per week
    follow_up_days: int = 7             # days after a message before following up
    pitch: str = ""                     # the 30-second pitch

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["roles"] = list(self.roles)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "roles" in values:
            values["roles"] = tuple(values["roles"] or ())
        return cls(**values)


class ProfileError(OutreachError):
    pass


def load_profile(conn: sqlite3.Connection) -> Profile:
    raw = get_setting(conn, SETTING_KEY)
    if not raw:
        return Profile()
    return Profile.from_json(json.loads(raw))


def save_profile(conn: sqlite3.Connection, profile: Profile) -> None:
    set_setting(conn, SETTING_KEY, json.dumps(profile.to_json(), ensure_ascii=False))


def update_profile(profile: Profile, **changes: Any) -> Profile:
    """A copy of ``profile`` with the given (not None) fields changed, validated."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if "hours_per_month" in changes and not 0 <= changes["hours_per_month"] <= 200:
        raise ProfileError("hours per month must be between 0 and 200")
    if "messages_per_week" in changes and not 1 <= changes["messages_per_week"] <= 200:
        raise ProfileError("messages per week must be between 1 and 200")
    if "follow_up_days" in changes and not 1 <= changes["follow_up_days"] <= 90:
        raise ProfileError("the follow-up gap must be between 1 and 90 days")
    updated = replace(profile, **changes)
    if (
        updated.salary_min is not None
        and updated.salary_max is not None
        and updated.salary_min > updated.salary_max
    ):
        raise ProfileError("the salary band's lower end is above its upper end")
    return updated


_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*([kKmM]?)")


def parse_amount(text: str) -> int | None:
    """'$95,000' -> 95000; '95k' -> 95000; '1.2m' -> 1200000; '' -> None."""
    match = _AMOUNT.search(text.replace(" ", ""))
    if not match:
        return None
    number, suffix = match.groups()
    # "95,000" and "95.000" are thousands separators; "1.2" with a k/m suffix is a decimal.
    if suffix and re.fullmatch(r"\d+[.,]\d{1,2}", number):
        value = float(number.replace(",", "."))
    else:
        value = float(re.sub(r"[.,]", "", number))
    value *= {"": 1, "k": 1_000, "m": 1_000_000}[suffix.lower()]
    return int(round(value))


def parse_salary_band(text: str) -> tuple[int | None, int | None]:
    """'90k-120k', '$90,000 to $120,000', '100000' (both ends), '' -> (None, None)."""
    text = text.strip()
    if not text:
        return None, None
    parts = re.split(r"\s*(?:-|–|—|\bto\b)\s*", text, maxsplit=1)
    low = parse_amount(parts[0])
    high = parse_amount(parts[1]) if len(parts) > 1 else low
    if low is None or high is None:
        raise ProfileError(f"cannot read a salary band from {text!r}: write it like 90k-120k")
    # "90-120k": the suffix on the upper end applies to both.
    if len(parts) > 1 and high >= 1000 and low < 1000 and re.search(r"[kK]\s*$", parts[1]):
        low *= 1000
    return min(low, high), max(low, high)


def split_roles(text: str) -> tuple[str, ...]:
    return tuple(r.strip() for r in re.split(r"[,;\n]", text) if r.strip())


__all__ = [
    "Profile",
    "ProfileError",
    "load_profile",
    "parse_salary_band",
    "save_profile",
    "split_roles",
    "update_profile",
]
