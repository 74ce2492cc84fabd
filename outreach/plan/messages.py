"""Suggested first messages, written for the kind of contact, from templates the user can override.

Built-in templates live in ``outreach/data/templates.toml``. A ``templates.toml`` (or ``.json``)
in the workspace folder, or a file given with ``outreach plan --templates FILE``, replaces any of
them by kind: recruiter, peer, senior, intro (asking a friend for a warm introduction) and
congrats (someone who just changed jobs).
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from outreach.errors import OutreachError
from outreach.plan.scoring import Candidate
from outreach.profile import Profile

KINDS = ("recruiter", "peer", "senior", "intro", "congrats")
PLACEHOLDERS = frozenset({
    "first_name", "name", "position", "company", "target", "old_company", "friend_first_name",
    "friend_name", "my_name", "my_roles", "pitch", "signature",
})
WORKSPACE_FILES = ("templates.toml", "templates.json")


class TemplateError(OutreachError):
    pass


@dataclass(frozen=True)
class Templates:
    by_kind: Mapping[str, str]
    sources: tuple[str, ...] = ("built-in",)


def _parse(text: str, where: str) -> dict[str, str]:
    try:
        if where.lower().endswith(".json"):
            data = json.loads(text)
        else:
            import tomllib

            data = tomllib.loads(text)
    except (ValueError, ImportError) as exc:
        raise TemplateError(f"cannot read templates from {where}: {exc}") from exc
    if not isinstance(data, dict):
        raise TemplateError(f"{where} must map kinds ({', '.join(KINDS)}) to message text")
    out = {}
    for kind, value in data.items():
        if kind not in KINDS:
            raise TemplateError(f"{where}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        if isinstance(value, dict):  # [recruiter] text = "..." also works
            value = value.get("text")
        if not isinstance(value, str) or not value.strip():
            raise TemplateError(f"{where}: the {kind} template must be non-empty text")
        check_template(value, f"{where} ({kind})")
        out[kind] = value.strip()
    return out


def check_template(text: str, where: str) -> None:
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        raise TemplateError(f"{where}: {exc}; write {{{{ and }}}} for literal braces") from exc
    unknown = sorted(f for f in fields if f not in PLACEHOLDERS)
    if unknown:
        raise TemplateError(
            f"{where}: unknown placeholder {{{unknown[0]}}}; use "
            + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        )


def load_templates(workspace: Path | None = None, override: Path | None = None) -> Templates:
    """Built-in templates, then the workspace's templates file, then ``override``."""
    builtin = resources.files("outreach").joinpath("data", "templates.toml").read_text("utf-8")
    merged = _parse(builtin, "templates.toml")
    sources = ["built-in"]
    files = [workspace / name for name in WORKSPACE_FILES] if workspace else []
    for path in [p for p in files if p.is_file()] + ([override] if override else []):
        try:
            text = path.read_text("utf-8-sig")
        except OSError as exc:
            raise TemplateError(f"cannot read templates file {path}: {exc.strerror or exc}") from exc
        merged.update(_parse(text, str(path)))
        sources.append(str(path))
    return Templates(merged, tuple(sources))


def message_kind(c: Candidate) -> str:
    if c.via is not None:
        return "intro"
    if c.job_change_recent:
        return "congrats"
    return {"recruiter": "recruiter", "hiring_manager": "senior", "senior": "senior"}.get(c.role.kind, "peer")


def _roles_phrase(roles: tuple[str, ...]) -> str:
    if not roles:
        return "new"
    return roles[0] if len(roles) == 1 else ", ".join(roles[:-1]) + " or " + roles[-1]


def suggest_message(c: Candidate, profile: Profile, templates: Templates) -> str:
    kind = message_kind(c)
    contact = c.contact
    friend = c.via.name if c.via else ""
    pitch = profile.pitch.strip()
    values = {
        "first_name": contact.first_name or contact.name or "there",
        "name": contact.name or "them",
        "position": contact.position,
        "company": contact.company or c.target.name,
        "target": c.target.name,
        "old_company": contact.job_change.old_company if contact.job_change else "",
        "friend_first_name": friend.split()[0] if friend else "",
        "friend_name": friend,
        "my_name": profile.name,
        "my_roles": _roles_phrase(tuple(profile.roles)),
        "pitch": pitch,
        "signature": f"\n{profile.name}" if profile.name else "",
    }
    text = templates.by_kind[kind].format_map(values)
    # An empty {pitch} leaves a double space behind.
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


__all__ = ["KINDS", "TemplateError", "Templates", "load_templates", "message_kind", "suggest_message"]
