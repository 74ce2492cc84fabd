"""Messages a person would send: one per kind of row, short, the pitch once, names cleaned up."""

from __future__ import annotations

import pytest
from plan_data import TODAY, days_ago

from outreach.plan.conversations import Conversation
from outreach.plan.kinds import contact_kind
from outreach.plan.messages import LONGEST, TemplateError, load_templates, suggest_message
from outreach.plan.network import Contact, JobChange, Target
from outreach.plan.scoring import DEFAULT_WEIGHTS, Via, score_candidate
from outreach.profile import Profile

PITCH = "I build data pipelines that analysts trust, most recently at a 40-person fintech."
PROFILE = Profile(name="Sam Seeker", roles=("data engineer", "analytics lead"), pitch=PITCH)
TARGET = Target(1, "Acme, Inc.", 1.0)


def person(position: str, **history) -> Contact:
    return Contact(1, 1, "k", "Jo", "Doe", "https://www.linkedin.com/in/jo", None, "Acme Corp, Inc.",
                   position, **history)


def row(contact: Contact, *, via: Via | None = None, key: str = "jo | Acme", profile: Profile = PROFILE):
    c = score_candidate(contact, TARGET, "exact", profile, DEFAULT_WEIGHTS, TODAY, via)
    if via is not None:
        return Conversation(c, True, key, via.name, "", None, [c])
    talk = Conversation(c, False, key, contact.name, contact.profile_url or "", contact)
    assert talk.kind == contact_kind(contact, c.role.kind, TODAY)
    return talk


CASES = [
    ("reply", person("Technical Recruiter", messages_received=1, last_received_at=days_ago(9) + "T10:00:00Z",
                     last_message_at=days_ago(9), last_from="them", unanswered=1), "reply"),
    ("congrats", person("Data Engineer", job_change=JobChange("Initech", "", "Acme Corp", "", days_ago(20))),
     "congratulations"),
    ("promotion", person("Senior Data Engineer", job_change=JobChange(
        "Acme", "Data Engineer", "Acme", "Senior Data Engineer", days_ago(20), "promotion")),
     "congratulations on becoming Senior Data Engineer"),
    ("friend", person("Consultant", messages_sent=12, messages_received=11, last_message_at=days_ago(12),
                      last_sent_at=days_ago(12), last_received_at=days_ago(14), last_from="owner"), "Acme"),
    ("reconnect", person("Consultant", messages_sent=12, messages_received=11, last_message_at=days_ago(700),
                         last_sent_at=days_ago(700), last_received_at=days_ago(702), last_from="owner"), ""),
    ("recruiter", person("Technical Recruiter"), "hir"),
    ("senior", person("VP Marketing"), "15 minutes"),
    ("peer", person("Data Engineer"), "15 minutes"),
]


@pytest.mark.parametrize("kind,contact,phrase", CASES, ids=[c[0] for c in CASES])
def test_each_kind_gets_its_own_message(kind, contact, phrase):
    r = row(contact)
    assert r.kind == kind
    text = suggest_message(r, PROFILE, load_templates())
    assert text.startswith("Hi Jo,") and phrase.casefold() in text.casefold()
    if kind in ("congrats", "promotion", "friend", "reconnect", "referral"):  # people who know the user
        assert PITCH not in text and text.count("I'm looking for data engineer or analytics lead roles.") == 1
    else:
        assert text.count(PITCH) == 1 and "I'm looking for" not in text  # the pitch, once
    assert "Inc." not in text and "Corp," not in text  # names as a person writes them
    assert len(text) <= LONGEST, len(text)
    assert "  " not in text and "{" not in text and text.endswith("Sam Seeker")


def test_an_introduction_is_written_to_the_friend_about_the_person():
    text = suggest_message(row(person("Data Engineer"), via=Via(2, "Ana Lima", 0.6, 0.4)), PROFILE, load_templates())
    assert text.startswith("Hi Ana,") and "Jo Doe at Acme" in text and len(text) <= LONGEST


def test_a_reply_never_opens_cold():
    r = row(CASES[0][1])
    text = suggest_message(r, PROFILE, load_templates()).casefold()
    assert "i hope you're well" not in text and "would you be open to a short chat" not in text


def test_without_a_pitch_the_roles_are_said_once_and_without_roles_nothing_is_pretended():
    roles_only = Profile(name="Sam Seeker", roles=("data engineer",))
    text = suggest_message(row(person("Data Engineer"), profile=roles_only), roles_only, load_templates())
    assert text.count("I'm looking for data engineer roles.") == 1
    nothing = Profile()
    for _, contact, _ in CASES:
        text = suggest_message(row(contact, profile=nothing), nothing, load_templates())
        assert "roles like these" not in text and "new roles" not in text and "I'm looking for" not in text
        assert "  " not in text and not text.endswith("\n")


def test_messages_vary_across_people_and_stay_the_same_for_one_person():
    texts = {suggest_message(row(person("Data Engineer"), key=f"p{i} | Acme"), PROFILE, load_templates())
             for i in range(12)}
    assert len(texts) >= 2
    again = suggest_message(row(person("Data Engineer"), key="p3 | Acme"), PROFILE, load_templates())
    assert again in texts


def test_workspace_templates_override_some_kinds(tmp_path):
    (tmp_path / "templates.toml").write_text('peer = "Yo {first_name}, about {target}."\n')
    templates = load_templates(tmp_path)
    assert suggest_message(row(person("Data Engineer")), PROFILE, templates) == "Yo Jo, about Acme."
    assert suggest_message(row(person("Recruiter")), PROFILE, templates).startswith("Hi Jo,")
    assert str(tmp_path / "templates.toml") in templates.sources
    (tmp_path / "templates.toml").write_text('peer = ["One {first_name}.", "Two {first_name}."]\n')
    texts = {suggest_message(row(person("Data Engineer"), key=f"p{i}"), PROFILE, load_templates(tmp_path))
             for i in range(10)}
    assert texts == {"One Jo.", "Two Jo."}


def test_templates_option_json_wins_over_workspace(tmp_path):
    (tmp_path / "templates.toml").write_text('peer = "from workspace"\n')
    override = tmp_path / "mine.json"
    override.write_text('{"peer": "from option {my_name}"}')
    text = suggest_message(row(person("Data Engineer")), PROFILE, load_templates(tmp_path, override))
    assert text == "from option Sam Seeker"


@pytest.mark.parametrize("content,message", [
    ('peer = "Hi {nickname}"', "unknown placeholder {nickname}"),
    ('peer = "Hi {first_name"', "literal braces"),
    ('buddy = "Hi"', "unknown kind 'buddy'"),
    ('peer = ""', "non-empty"),
    ('peer = []', "non-empty"),
    ("peer = ", "cannot read templates"),
])
def test_bad_templates_file_says_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "t.toml"
    path.write_text(content)
    with pytest.raises(TemplateError, match=message.replace("{", r"\{")):
        load_templates(None, path)


@pytest.mark.parametrize("history,kind", [
    # "Of course!" in 2019: nothing waits for an answer seven years on
    ({"messages_sent": 2, "messages_received": 2, "last_received_at": "2019-05-02T10:00:00Z",
      "last_sent_at": "2019-05-01T10:00:00Z", "last_message_at": "2019-05-02", "last_from": "them",
      "unanswered": 1}, "reconnect"),
    # a close friend's "thanks for hosting!" three days ago wants no apology
    ({"messages_sent": 7, "messages_received": 7, "last_received_at": days_ago(3) + "T10:00:00Z",
      "last_sent_at": days_ago(4) + "T10:00:00Z", "last_message_at": days_ago(3), "last_from": "them",
      "unanswered": 1}, "friend"),
    # one question answered last week: answer it
    ({"messages_sent": 1, "messages_received": 1, "last_received_at": days_ago(7) + "T10:00:00Z",
      "last_sent_at": days_ago(9) + "T10:00:00Z", "last_message_at": days_ago(7), "last_from": "them",
      "unanswered": 1}, "reply"),
])
def test_only_a_recent_unanswered_message_is_a_reply(history, kind):
    assert contact_kind(person("Marketing Manager", **history), "peer", TODAY) == kind


def test_a_headline_is_cut_to_the_title_in_sentences():
    change = JobChange("Acme", "Brand Manager", "Acme", "Senior Brand Manager | Skincare ✨", days_ago(10), "promotion")
    r = row(person("Senior Brand Manager | Skincare ✨", job_change=change))
    text = suggest_message(r, PROFILE, load_templates())
    assert "congratulations on becoming Senior Brand Manager!" in text and "✨" not in text
    assert r.lead.why.startswith("Senior Brand Manager at Acme")
