from __future__ import annotations

import pytest
from plan_data import TODAY, days_ago

from outreach.plan.messages import TemplateError, load_templates, message_kind, suggest_message
from outreach.plan.network import Contact, JobChange, Target
from outreach.plan.scoring import DEFAULT_WEIGHTS, Via, score_candidate
from outreach.profile import Profile

PROFILE = Profile(name="Sam Seeker", roles=("data engineer", "analytics lead"), pitch="I build data pipelines.")
TARGET = Target(1, "Acme", 1.0)


def candidate(position: str, *, via: Via | None = None, job_change: JobChange | None = None):
    person = Contact(1, 1, "k", "Jo", "Doe", None, None, "Acme Corp", position, job_change=job_change)
    return score_candidate(person, TARGET, "exact", PROFILE, DEFAULT_WEIGHTS, TODAY, via)


@pytest.mark.parametrize("position,kwargs,kind", [
    ("Technical Recruiter", {}, "recruiter"),
    ("Data Engineer", {}, "peer"),
    ("Account Executive", {}, "peer"),
    ("VP Marketing", {}, "senior"),
    ("Head of Data", {}, "senior"),
    ("Data Engineer", {"via": Via(2, "Ana Lima", 0.6, 0.4)}, "intro"),
    ("Recruiter", {"job_change": JobChange("Initech", "", "Acme Corp", "", days_ago(20))}, "congrats"),
])
def test_message_written_for_the_kind_of_contact(position, kwargs, kind):
    c = candidate(position, **kwargs)
    assert message_kind(c) == kind
    text = suggest_message(c, PROFILE, load_templates())
    assert "Sam Seeker" in text and "data engineer or analytics lead" in text
    assert "I build data pipelines." in text
    if kind == "intro":
        assert text.startswith("Hi Ana,") and "Jo Doe" in text
    else:
        assert text.startswith("Hi Jo,")
    if kind == "congrats":
        assert "congratulations" in text.lower() and "Acme Corp" in text
    assert "  " not in text and "{" not in text


def test_message_without_a_profile_reads_well():
    c = score_candidate(Contact(1, 1, "k", "Jo", "", None, None, "Acme", "Engineer"), TARGET, "exact",
                        Profile(), DEFAULT_WEIGHTS, TODAY)
    text = suggest_message(c, Profile(), load_templates())
    assert "new roles" in text and "  " not in text and not text.endswith("\n")


def test_workspace_templates_override_some_kinds(tmp_path):
    (tmp_path / "templates.toml").write_text('peer = "Yo {first_name}, about {target}."\n')
    templates = load_templates(tmp_path)
    assert suggest_message(candidate("Data Engineer"), PROFILE, templates) == "Yo Jo, about Acme."
    assert suggest_message(candidate("Recruiter"), PROFILE, templates).startswith("Hi Jo, I'm looking")
    assert str(tmp_path / "templates.toml") in templates.sources


def test_templates_option_json_wins_over_workspace(tmp_path):
    (tmp_path / "templates.toml").write_text('peer = "from workspace"\n')
    override = tmp_path / "mine.json"
    override.write_text('{"peer": "from option {my_name}"}')
    text = suggest_message(candidate("Data Engineer"), PROFILE, load_templates(tmp_path, override))
    assert text == "from option Sam Seeker"


@pytest.mark.parametrize("content,message", [
    ('peer = "Hi {nickname}"', "unknown placeholder {nickname}"),
    ('peer = "Hi {first_name"', "literal braces"),
    ('friend = "Hi"', "unknown kind 'friend'"),
    ('peer = ""', "non-empty"),
    ("peer = ", "cannot read templates"),
])
def test_bad_templates_file_says_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "t.toml"
    path.write_text(content)
    with pytest.raises(TemplateError, match=message.replace("{", r"\{")):
        load_templates(None, path)
