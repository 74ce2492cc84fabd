"""What the whole export proves, in the plan (issue 15, points 3 and 4): a referral ask in week
1 for each job application of the last 30 days, to the best-placed person the user knows there
(or the Targets sheet saying nobody is known there); recommendations, endorsements and a shared
employer as ties; a pending invitation is no connection; a friend's export never lends the user
its recommendations.

Exports are written as LinkedIn writes them (headers and date shapes copied from
tests/test_linkedin_extras.py and tests/test_linkedin_applications.py), dated from today, run
through ``import linkedin`` and ``plan``, and the workbook read back with openpyxl. The people
and companies are made up."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from plan_data import read_plan, row_of
from zipped import make_zip

TODAY = date.today()
CONNECTIONS_HEADER = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
APPLICATIONS_HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,"
                       "Job Url,Resume Name,Question And Answers\n")
RECOMMENDATIONS_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
ENDORSED_HEADER = ("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
                   "Endorser Public Url,Endorsement Status\r\n")
POSITIONS_HEADER = "Company Name,Title,Description,Location,Started On,Finished On\r\n"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
FOLLOWS = "Organization,Followed On\r\nAcme Analytics,Wed Oct 01 16:02:32 UTC 2025\r\n"


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def connected(days: int) -> str:
    """Connections.csv's "16 Sep 2021"."""
    day = ago(days)
    return f"{day.day:02d} {day:%b %Y}"


def applied(days: int) -> str:
    """Job Applications.csv's "11/3/25, 4:12 PM"."""
    day = ago(days)
    return f'"{day.month}/{day.day}/{day:%y}, 4:12 PM"'


def person(first: str, last: str, company: str, title: str, days: int) -> str:
    slug = f"{first}-{last}".lower()
    return f"{first},{last},https://www.linkedin.com/in/{slug},,{company},{title},{connected(days)}\n"



# --- referral asks for the applications of the last 30 days -------------------------------------

# The user worked at Globex from Jan of four years ago to Dec of two years ago, and at Hooli since.
START, END = ago(4 * 365), ago(2 * 365)
POSITIONS = (POSITIONS_HEADER
             + f"Hooli,Data Engineer,,,{ago(700):%b %Y},\r\n"
             + f"Globex,Data Engineer,,,{START:%b %Y},{END:%b %Y}\r\n")
JOB_URL = "https://www.linkedin.com/jobs/view/4081234567"


def referral_export(tmp_path: Path) -> Path:
    connections = (CONNECTIONS_HEADER
                   # a cold contact with the higher title, connected long after the user left
                   + person("Cora", "Cole", "Globex", "Senior Data Engineer", 100)
                   # connected while the user was at Globex: a former colleague
                   + person("Finn", "Ford", "Globex", "Data Engineer", 3 * 365)
                   + person("Gus", "Gray", "Globex", "Office Manager", 90)
                   + person("Uma", "Usman", "Umbrella", "Analytics Engineer", 60))
    applications = (APPLICATIONS_HEADER
                    + f"{applied(5)},me@example.com,,Globex,Senior Data Engineer,{JOB_URL},cv.pdf,\n"
                    + f"{applied(3)},me@example.com,,Umbrella,Analytics Engineer,,cv.pdf,\n"
                    + f"{applied(9)},me@example.com,,Initech,Analytics Engineer,"
                      "https://www.linkedin.com/jobs/view/4079876543,cv.pdf,\n")
    return make_zip(tmp_path / "Complete_LinkedInDataExport.zip", {
        "Connections.csv": connections, "Jobs/Job Applications.csv": applications,
        "Positions.csv": POSITIONS})


def test_a_recent_application_asks_the_former_colleague_in_week_1_with_the_job_link(run, tmp_path):
    assert run("import", "linkedin", referral_export(tmp_path)).exit_code == 0
    rows, targets, summary = read_plan(run, tmp_path)
    finn = row_of(rows, "Finn Ford")
    assert finn["Week"] == 1 and finn["Kind"] == "referral"
    assert JOB_URL in finn["Message"] and "Senior Data Engineer" in finn["Message"]
    assert "the best-placed person you know there" in finn["Why"]
    assert f"Applied {ago(5).day} {ago(5):%b} for Senior Data Engineer" in finn["Why"]
    assert f"you worked together at Globex {START.year}–{END.year}" in finn["Why"]
    assert "worked together at Globex" in finn["Score details"]
    # one ask per application: the cold contact with the higher title is not it
    cora = row_of(rows, "Cora Cole")
    assert JOB_URL not in cora["Message"] and "best-placed" not in cora["Why"]
    assert "worked together" not in cora["Why"]
    assert "Referral asks for your applications of the last 30 days" in summary


def test_an_application_where_nobody_is_known_says_so_on_the_targets_sheet(run, tmp_path):
    assert run("import", "linkedin", referral_export(tmp_path)).exit_code == 0
    _, targets, summary = read_plan(run, tmp_path)
    initech = [t for t in targets if t["Target"] == "Initech"]
    assert len(initech) == 1
    assert initech[0]["Applied lately"] == (
        f"applied {ago(9).day} {ago(9):%b} for Analytics Engineer: you know nobody there yet — "
        "look for a 2nd-degree contact or the hiring manager")
    globex = next(t for t in targets if t["Target"] == "Globex")
    assert "ask Finn Ford for a referral" in globex["Applied lately"]
    i = summary.index("Applications of the last 30 days where you know nobody")
    assert summary[i + 1] == 1


def test_week_1_runs_over_the_budget_for_referral_asks_and_the_summary_says_so(run, tmp_path):
    assert run("import", "linkedin", referral_export(tmp_path)).exit_code == 0
    assert run("profile", "--messages-per-week", "1").exit_code == 0
    rows, _, summary = read_plan(run, tmp_path)
    week_one = [r["Write to"] for r in rows if r["Week"] == 1]
    assert sorted(week_one) == ["Finn Ford", "Uma Usman"]  # two asks, one a week
    assert "Week 1 holds 1 message over your 1 a week: referral asks for applications of the " \
           "last 30 days cannot wait" in summary
    uma = row_of(rows, "Uma Usman")
    assert "http" not in uma["Message"] and "Analytics Engineer role at Umbrella." in uma["Message"]


# --- ties the export proves ----------------------------------------------------------------------

def ties_export(tmp_path: Path, name: str, *, with_ivy: bool, invite_ivy: bool) -> Path:
    connections = (CONNECTIONS_HEADER
                   + person("Rita", "Reyes", "Acme Analytics", "Data Engineer", 400)
                   + person("Eddie", "Eng", "Acme Analytics", "Data Engineer", 400)
                   + person("Pat", "Park", "Acme Analytics", "Data Engineer", 400)
                   + (person("Ivy", "Ives", "Acme Analytics", "Data Engineer", 800) if with_ivy else ""))
    files = {
        "Connections.csv": connections,
        "Company Follows.csv": FOLLOWS,
        "Recommendations_Received.csv": RECOMMENDATIONS_HEADER
        + f'Rita,Reyes,Acme Analytics,Data Engineer,"A pleasure to work with.","{ago(300):%m/%d/%y}, 07:36 PM",VISIBLE\r\n',
        "Endorsement_Received_Info.csv": ENDORSED_HEADER
        + f"{ago(200):%Y/%m/%d} 14:11:21 UTC,SQL,Eddie,Eng,www.linkedin.com/in/eddie-eng,ACCEPTED\r\n",
    }
    if invite_ivy:
        sent = ago(6)
        files["Invitations.csv"] = (
            INVITATIONS_HEADER + f'Me Myself,Ivy Ives,"{sent.month}/{sent.day}/{sent:%y}, 9:14 AM",,OUTGOING,'
            "https://www.linkedin.com/in/me,https://www.linkedin.com/in/ivy-ives\n")
    return make_zip(tmp_path / name, files)


def test_a_recommender_outranks_an_endorser_who_outranks_a_plain_contact(run, tmp_path):
    assert run("import", "linkedin", ties_export(tmp_path, "a.zip", with_ivy=False, invite_ivy=False)).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    rita, eddie, pat = (row_of(rows, n) for n in ("Rita Reyes", "Eddie Eng", "Pat Park"))
    assert rita["Score"] > eddie["Score"] > pat["Score"]
    assert "recommended you" in rita["Why"] and "recommended you" in rita["Score details"]
    assert "endorsed you once" in eddie["Why"] and "recommended" not in eddie["Why"]
    assert "recommended" not in pat["Why"] and "endorsed" not in pat["Why"]
    # a recommendation is a strong tie: not written to as a cold peer
    assert rita["Kind"] == "reconnect" and pat["Kind"] == "peer"


def test_a_person_with_a_pending_invitation_is_not_written_to_as_a_connection(run, tmp_path):
    older = ties_export(tmp_path, "Basic_LinkedInDataExport_old.zip", with_ivy=True, invite_ivy=False)
    newer = ties_export(tmp_path, "Complete_LinkedInDataExport_new.zip", with_ivy=False, invite_ivy=True)
    assert run("import", "linkedin", older).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    assert "Ivy Ives" in [r["Write to"] for r in rows]
    # she left the network and the user invited her again: pending, so not a connection
    assert run("import", "linkedin", newer).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    assert "Ivy Ives" not in [r["Write to"] for r in rows]
    # a friend who knows her can introduce the user: the ask says the invitation is pending
    friend = make_zip(tmp_path / "friend.zip", {
        "Connections.csv": CONNECTIONS_HEADER + person("Ivy", "Ives", "Acme Analytics", "Data Engineer", 50)})
    assert run("import", "linkedin", "--owner", "Fay Field", friend).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    assert "Ivy Ives" not in [r["Write to"] for r in rows]
    ask = row_of(rows, "Fay Field")
    assert ask["Kind"] == "intro" and "Ivy Ives" in ask["About"]
    assert f"You invited Ivy Ives to connect on {ago(6).day} {ago(6):%b}: the invitation is pending" in ask["Why"]


def test_a_friends_export_does_not_lend_its_recommendations(run, tmp_path):
    assert run("import", "linkedin", ties_export(tmp_path, "mine.zip", with_ivy=False, invite_ivy=False)).exit_code == 0
    friend = make_zip(tmp_path / "friend.zip", {
        "Connections.csv": CONNECTIONS_HEADER + person("Pat", "Park", "Acme Analytics", "Data Engineer", 50),
        "Recommendations_Received.csv": RECOMMENDATIONS_HEADER
        + f'Pat,Park,Acme Analytics,Data Engineer,"Great.","{ago(30):%m/%d/%y}, 07:36 PM",VISIBLE\r\n',
        "Endorsement_Received_Info.csv": ENDORSED_HEADER
        + f"{ago(20):%Y/%m/%d} 14:11:21 UTC,SQL,Pat,Park,www.linkedin.com/in/pat-park,ACCEPTED\r\n",
    })
    assert run("import", "linkedin", "--owner", "Fay Field", friend).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    pat = row_of(rows, "Pat Park")
    assert "recommended" not in pat["Why"] and "endorsed" not in pat["Why"]
    assert "recommended you" in row_of(rows, "Rita Reyes")["Why"]
