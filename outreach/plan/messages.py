"""Suggested first messages, written for the kind of row, from templates the user can override.

Built-in templates live in ``outreach/data/templates.toml``; a kind holds one text or a list, and
each person gets one of the list (the same one every week), so that messages vary. A
``templates.toml`` (or ``.json``) in the workspace folder, or a file given with ``outreach plan
--templates FILE``, replaces any of them by kind (``outreach.plan.kinds.KINDS``).

What the user says of themselves comes once: ``{about_me}`` is the pitch, else the roles they
want ("I'm looking for product manager roles."), else nothing; employers are named as a person
writes them (``Stripe``, not ``Stripe, Inc.``).
"""

from __future__ import annotations

import hashlib
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from outreach.companies.names import display_name
from outreach.errors import OutreachError
from outreach.plan.conversations import Conversation
from outreach.plan.kinds import KINDS, offered_lately, recent_application, when
from outreach.plan.network import Contact, Ties
from outreach.plan.reach import parse_day
from outreach.plan.titles import short_title
from outreach.profile import Profile

PLACEHOLDERS = frozenset({
    "first_name", "name", "position", "company", "target", "old_company", "new_position",
    "people", "friend_first_name", "friend_name", "my_name", "about_me", "my_roles", "pitch",
    "signature", "interest", "late", "last_note", "applied_for", "job_link", "worked_together",
    "worked_at", "recommendation",
})
#: Templates beside the kinds: a variant of a kind, used when its row is of that sort.
#: ``referral_applied``: a referral asked for because the user applied where they work (not
#: because they offered), with ``{applied_for}`` ("the Senior PM role").
#: ``colleague``: a former colleague (the user's Positions.csv: ``{worked_at}``), in place of
#: friend, reconnect, peer and senior.
#: ``recommendation``: someone who recommended the user, or whom the user recommended (not a
#: former colleague), in place of the same kinds, with ``{recommendation}``.
#: ``warm_first``: a strong tie by the user's export (a shared employer) they have never
#: exchanged a message with, in place of friend and reconnect: no "our last conversation".
#: ``intro_applied``: an introduction asked for because the user applied where the person
#: works and knows nobody there, with ``{applied_for}`` ("the Data Engineer role at Cloudflare").
VARIANTS = {"referral_applied": "referral", "colleague": "reconnect", "recommendation": "reconnect",
            "warm_first": "reconnect", "intro_applied": "intro"}
#: Kinds a former colleague's row (or a recommendation's) is written with its own template.
COLLEAGUE_KINDS = frozenset({"friend", "reconnect", "peer", "senior"})
#: Kinds that speak of a past conversation: never used for someone with no messages.
TALKED_KINDS = frozenset({"friend", "reconnect"})
WORKSPACE_FILES = ("templates.toml", "templates.json")
#: A message longer than this reads like a form letter (pitch included).
LONGEST = 450


class TemplateError(OutreachError):
    pass


@dataclass(frozen=True)
class Templates:
    by_kind: Mapping[str, tuple[str, ...]]
    sources: tuple[str, ...] = ("built-in",)


def _parse(text: str, where: str) -> dict[str, tuple[str, ...]]:
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
        if kind not in KINDS and kind not in VARIANTS:
            raise TemplateError(f"{where}: unknown kind {kind!r}; use one of "
                                f"{', '.join([*KINDS, *VARIANTS])}")
        if isinstance(value, dict):  # [recruiter] text = "..." also works
            value = value.get("text")
        texts = value if isinstance(value, list) else [value]
        if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            raise TemplateError(f"{where}: the {kind} template must be non-empty text (or a list of texts)")
        for t in texts:
            check_template(t, f"{where} ({kind})")
        out[kind] = tuple(t.strip() for t in texts)
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
    missing = [kind for kind in (*KINDS, *VARIANTS) if kind not in merged]
    if missing:
        raise TemplateError(f"built-in templates.toml has no {missing[0]} template")
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


def roles_phrase(roles: tuple[str, ...]) -> str:
    roles = tuple(r.strip() for r in roles if r.strip())
    return roles[0] if len(roles) == 1 else ", ".join(roles[:-1]) + " or " + roles[-1] if roles else ""


#: Kinds written to people who know the user: the roles in a sentence, not the pitch.
WARM = frozenset({"friend", "reconnect", "referral", "congrats", "promotion"})


def about_me(profile: Profile, kind: str = "peer") -> str:
    """The pitch (the roles wanted, to people who know the user); else the roles wanted, in one
    sentence; else nothing (no pretending)."""
    pitch = " ".join(profile.pitch.split())
    if pitch and kind not in WARM:
        return pitch if pitch[-1] in ".!?" else pitch + "."
    roles = roles_phrase(tuple(profile.roles))
    return f"I'm looking for {roles} roles." if roles else ""


def interest(priority: float, target: str, given: str = "") -> str:
    """How much the user wants the target, said no stronger than their list says it: "Acme is
    high on my list." for a top target, "" for a low one or one without a priority."""
    if not given and 0.45 <= priority <= 0.55:  # a list without priorities
        return f"I'm interested in {target}."
    if priority >= 0.75:
        return f"{target} is high on my list."
    return f"I'm interested in {target}." if priority >= 0.45 else ""


def _last_note(contact: Contact, today: date) -> str:
    """"my note from 18 Nov": the user's last message, for a follow-up."""
    day = parse_day(contact.last_sent_at)
    return f"my note from {when(day, today).split(' ', 1)[1]}" if day else "my earlier note"


def _recommendation(ties: Ties | None) -> str:
    """The recommendation between the two, in a sentence: theirs of the user first."""
    if ties is None:
        return ""
    if ties.recommended_user:
        return "thanks again for the recommendation you wrote me!"
    return "I was glad to recommend you, and I hope all is well with you!" if ties.recommended_by_user else ""


def _first(name: str) -> str:
    return name.split()[0] if name.split() else ""


def pick(texts: tuple[str, ...], key: str) -> str:
    """One of ``texts`` for this row, the same every week: messages vary across people."""
    if len(texts) == 1:
        return texts[0]
    return texts[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % len(texts)]


def suggest_message(row: Conversation, profile: Profile, templates: Templates) -> str:
    c = row.lead
    contact = row.writer if row.kind == "intro" and row.writer is not None else c.contact
    change = c.contact.job_change
    first = _first(row.write_to)
    applied = None if row.kind == "intro" else recent_application(c.contact, c.today)
    applied_title = short_title(applied[0]) or applied[0] if applied else ""
    asked = None if row.kind == "intro" else c.contact.referral_for
    through = row.applications[0][1] if row.kind == "intro" and row.applications else None
    if through is not None:  # an introduction asked for because of a recent application there
        asked = through
        title = short_title(through.job_title) or through.job_title
        applied = (through.job_title, c.today)
        applied_title = f"{title} role at {display_name(through.company)}" if title else ""
    ties = None if row.kind == "intro" else c.contact.ties
    shared = ties.colleague if ties is not None else None  # (employer, years, current)
    values = {
        "first_name": first or "there",
        "name": c.contact.name or "them",
        "position": contact.position,
        "company": display_name(contact.company) if contact.company else display_name(c.target.name),
        "target": display_name(c.target.name),
        "old_company": display_name(change.old_company) if change and change.old_company else "",
        "new_position": short_title((change.new_position if change else "") or c.contact.position),
        "people": row.people,
        "friend_first_name": first if row.kind == "intro" else "",
        "friend_name": row.write_to if row.kind == "intro" else "",
        "my_name": profile.name,
        "about_me": about_me(profile, row.kind),
        "my_roles": roles_phrase(tuple(profile.roles)) or "new",
        "pitch": " ".join(profile.pitch.split()),
        "signature": f"\n{profile.name}" if profile.name else "",
        "interest": interest(c.target.priority, display_name(c.target.name), c.target.priority_text),
        "late": ", and sorry to be slow to answer" if c.contact.last_from == "them" else "",
        "last_note": _last_note(c.contact, c.today),
        "applied_for": ((f"the {applied_title}" if through is not None else f"the {applied_title} role")
                        if applied_title else "a role") if applied else "",
        # the job's link, with its own brackets: "" when the plan does not ask about one job
        "job_link": f" ({asked.job_url})" if asked is not None and asked.job_url else "",
        "worked_together": (f"it's been a while since we worked together at {display_name(shared[0])}! "
                            if shared and not shared[2] else ""),
        "worked_at": display_name(shared[0]) if shared else "",
        "recommendation": _recommendation(ties),
    }
    template = row.kind
    if through is not None and "intro_applied" in templates.by_kind:
        template = "intro_applied"
    elif row.kind == "referral" and applied and (asked is not None or not offered_lately(c.contact, c.today)):
        template = "referral_applied" if "referral_applied" in templates.by_kind else row.kind
    elif shared and not shared[2] and row.kind in COLLEAGUE_KINDS and "colleague" in templates.by_kind:
        template = "colleague"
    elif ties is not None and ties.recommendation and row.kind in COLLEAGUE_KINDS \
            and "recommendation" in templates.by_kind:
        template = "recommendation"
    elif row.kind in TALKED_KINDS and not c.contact.messages_sent + c.contact.messages_received \
            and "warm_first" in templates.by_kind:
        # a tie the export proves, never written to: a message may not invent a conversation
        template = "warm_first"
    text = pick(templates.by_kind[template], row.key).format_map(values)
    # An empty {about_me} or {pitch} leaves a double space behind.
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


__all__ = ["LONGEST", "KINDS", "VARIANTS", "TemplateError", "Templates", "about_me", "load_templates", "pick",
           "roles_phrase", "suggest_message"]
