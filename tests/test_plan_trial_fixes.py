"""What a new user's trial of the whole export found in the plan (issue 15, trial T15): a
message never invents a past conversation; the user's current employer is not told of the
search; someone who wrote to the user is answered in week 1 whatever the per-employer cap; the
hiring manager of an application is well placed to ask for a referral; an application where
only a friend knows someone says whom to ask for an introduction.

Exports are written as LinkedIn writes them (headers copied from the T15 trial's hand-written
Complete export and tests/test_plan_export_ties.py), dated from today, run through ``import
linkedin``, ``import targets`` and ``plan``, and the workbook read back with openpyxl. The
people and companies are made up."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

from plan_data import read_plan, row_of
from zipped import make_zip

TODAY = date.today()
ME, ME_URL = "Jo Ellery", "https://www.linkedin.com/in/jo-ellery-4b21"
CONNECTIONS_HEADER = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
)
MESSAGES_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                   "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS"]
APPLICATIONS_HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,"
                       "Job Url,Resume Name,Question And Answers\r\n")
RECOMMENDATIONS_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
POSITIONS_HEADER = "Company Name,Title,Description,Location,Started On,Finished On\r\n"
PROFILE = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
           "Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
           "Jo,Ellery,,,,Data Engineer,,Software Development,,\"Denver, Colorado, United States\",,,\r\n")
JOB_URL = "http://www.linkedin.com/jobs/view/4093817265"


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def slug(first: str, last: str) -> str:
    return f"https://www.linkedin.com/in/{first}-{last}".lower()


def person(first: str, last: str, company: str, title: str, days: int) -> str:
    day = ago(days)
    return f'{first},{last},{slug(first, last)},,{company},"{title}",{day.day:02d} {day:%b %Y}\r\n'


def applied(days: int, company: str, title: str, url: str = "") -> str:
    day = ago(days)
    return f'"{day.month}/{day.day}/{day:%y}, 10:14 AM",me@example.com,,{company},"{title}",{url},cv.pdf,\r\n'


def messages(turns: list[tuple[str, str, bool, int, str]]) -> str:
    """messages.csv: (conversation id, their name, from them?, days ago, text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MESSAGES_HEADER)
    for cid, name, theirs, days, text in turns:
        moment = datetime.combine(ago(days), datetime.min.time()).replace(hour=16)
        url = slug(*name.lower().split())
        sender, sender_url, to, to_url = (name, url, ME, ME_URL) if theirs else (ME, ME_URL, name, url)
        writer.writerow([cid, "", sender, sender_url, to, to_url, moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
                         "", text, "INBOX", ""])
    return out.getvalue()



def targets_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mytargets.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. no invented history ----------------------------------------------------------------------

RECOMMENDERS = [("Rita", "Reyes"), ("Rosa", "Rahm"), ("Remy", "Roth"), ("Ruth", "Rook")]
RECOMMENDED = [("Tomas", "Ibarra"), ("Teo", "Tull"), ("Tara", "Tate"), ("Tess", "Tran")]


def test_a_recommendation_with_no_messages_is_written_to_about_the_recommendation(run, tmp_path):
    people = RECOMMENDERS + RECOMMENDED
    connections = CONNECTIONS_HEADER + "".join(
        person(first, last, "Acme Analytics", "Data Engineer", 900 + i) for i, (first, last) in enumerate(people))
    received = "".join(f'{f},{last},Acme Analytics,Data Engineer,"A pleasure to work with.",'
                       f'"{ago(400):%m/%d/%y}, 04:31 PM",VISIBLE\r\n' for f, last in RECOMMENDERS)
    given = "".join(f'{f},{last},Acme Analytics,Data Engineer,"The analyst every team wants.",'
                    f'"{ago(380):%m/%d/%y}, 11:05 AM",VISIBLE\r\n' for f, last in RECOMMENDED)
    export = make_zip(tmp_path / "Complete_LinkedInDataExport.zip", {
        "Connections.csv": connections, "Profile.csv": PROFILE,
        "Recommendations_Received.csv": RECOMMENDATIONS_HEADER + received,
        "Recommendations_Given.csv": RECOMMENDATIONS_HEADER + given})
    assert run("import", "linkedin", export).exit_code == 0
    assert run("import", "targets", targets_file(tmp_path, "Company,Priority\r\nAcme Analytics,high\r\n")).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    for first, last in people:
        row = row_of(rows, f"{first} {last}")
        assert row["Kind"] == "reconnect"  # a strong tie by the export
        # nobody exchanged a message: no "our last conversation", no "good to be in touch again"
        assert "conversation" not in row["Message"] and "again" not in row["Message"].replace(
            "thanks again for the recommendation", "")
        said = ("thanks again for the recommendation you wrote me" if (first, last) in RECOMMENDERS
                else "I was glad to recommend you")
        assert said in row["Message"], row["Message"]


# --- 2. the current employer is confidential -------------------------------------------------------

def employer_export(tmp_path: Path) -> Path:
    connections = (CONNECTIONS_HEADER
                   + person("Paloma", "Ruiz", "Nimbus Freight", "Recruiter", 280)
                   + person("Owen", "Pratt", "Nimbus Freight", "Data Engineer", 1200)
                   + person("Grace", "Whit", "Pinecrest Health", "Data Engineer", 2000))
    positions = (POSITIONS_HEADER
                 + f"Nimbus Freight,Senior Data Engineer,,\"Denver, Colorado\",{ago(1500):%b %Y},\r\n"
                 + f"Pinecrest Health,Data Engineer,,,{ago(2500):%b %Y},{ago(1520):%b %Y}\r\n")
    return make_zip(tmp_path / "Complete_LinkedInDataExport.zip", {
        "Connections.csv": connections, "Positions.csv": positions, "Profile.csv": PROFILE})


def test_people_at_the_users_current_employer_are_not_written_to_about_the_search(run, tmp_path):
    assert run("import", "linkedin", employer_export(tmp_path)).exit_code == 0
    mine = targets_file(tmp_path, "Company,Priority\r\nNimbus Freight,high\r\nPinecrest Health,medium\r\n")
    assert run("import", "targets", mine).exit_code == 0
    rows, targets, summary = read_plan(run, tmp_path)
    assert [r["Write to"] for r in rows] == ["Grace Whit"]  # nobody at Nimbus Freight
    nimbus = next(t for t in targets if t["Target"] == "Nimbus Freight")
    assert nimbus["Next step"].startswith(
        "your current employer (Positions.csv): people there are not written to about your search; "
        "remove it from your targets")
    said = [v for v in summary if isinstance(v, str) and "current employer" in v]
    assert said == [f"Nimbus Freight is {nimbus['Next step']}"]


def test_an_internal_move_in_the_targets_notes_plans_messages_at_the_current_employer(run, tmp_path):
    assert run("import", "linkedin", employer_export(tmp_path)).exit_code == 0
    mine = targets_file(tmp_path, "Company,Priority,Notes\r\nNimbus Freight,high,internal move to the data team\r\n")
    assert run("import", "targets", mine).exit_code == 0
    rows, targets, summary = read_plan(run, tmp_path)
    assert {"Paloma Ruiz", "Owen Pratt"} <= {r["Write to"] for r in rows}
    assert not any(isinstance(v, str) and "current employer" in v for v in summary)


# --- 3. someone who wrote is not held back; the hiring side is well placed --------------------------

def test_a_reply_to_someone_who_wrote_goes_in_week_1_whatever_the_per_employer_cap(run, tmp_path):
    connections = (CONNECTIONS_HEADER
                   + person("Marisol", "Okafor", "Stripe", "Staff Data Engineer", 3000)
                   + person("Bennett", "Cho", "Stripe", "Engineering Manager, Data Platform", 600)
                   + person("Priyanka", "Dutta", "Stripe", "Technical Recruiter", 27)
                   + person("Noor", "Haddad", "Spotify", "Data Engineer", 300))
    talk = messages([
        ("c-bennett", "Bennett Cho", False, 7, "Hi Bennett, could I ask you a few questions about the team?"),
        ("c-bennett", "Bennett Cho", True, 4, "Happy to chat about the data platform team - does Thursday work?"),
        ("c-priyanka", "Priyanka Dutta", True, 25, "Hi Jo, thanks for connecting. Are you open to data roles at Stripe?"),
        ("c-noor", "Noor Haddad", True, 60, "Great meeting you at the meetup!"),
        ("c-noor", "Noor Haddad", False, 59, "Likewise Noor!"),
    ])
    export = make_zip(tmp_path / "Complete_LinkedInDataExport.zip", {
        "Connections.csv": connections, "messages.csv": talk, "Profile.csv": PROFILE,
        "Recommendations_Received.csv": RECOMMENDATIONS_HEADER
        + f'Marisol,Okafor,Pinecrest Health,Analytics Manager,"Trustworthy.","{ago(1000):%m/%d/%y}, 04:31 PM",VISIBLE\r\n',
        "Jobs/Job Applications.csv": APPLICATIONS_HEADER
        + applied(4, "Stripe", "Senior Data Engineer, Data Platform", JOB_URL)})
    assert run("import", "linkedin", export).exit_code == 0
    mine = targets_file(tmp_path, "Company,Priority\r\nStripe,high\r\nSpotify,medium\r\n")
    assert run("import", "targets", mine).exit_code == 0
    rows, _, _ = read_plan(run, tmp_path)
    marisol = row_of(rows, "Marisol Okafor")
    assert marisol["Kind"] == "referral" and marisol["Week"] == 1
    for name in ("Bennett Cho", "Priyanka Dutta"):
        row = row_of(rows, name)
        assert row["Kind"] == "reply" and row["Week"] == 1, row
        assert "held back" not in row["Why"]


def test_the_hiring_manager_of_an_application_is_asked_for_the_referral_before_a_higher_title(run, tmp_path):
    connections = (CONNECTIONS_HEADER
                   + person("Bennett", "Cho", "Stripe", "Engineering Manager, Data Platform", 600)
                   + person("Vera", "Vance", "Stripe", "Director of Sales", 500)
                   + person("Otto", "Olm", "Stripe", "Office Manager", 400))
    export = make_zip(tmp_path / "Complete_LinkedInDataExport.zip", {
        "Connections.csv": connections, "Profile.csv": PROFILE,
        "Jobs/Job Applications.csv": APPLICATIONS_HEADER
        + applied(4, "Stripe", "Senior Data Engineer, Data Platform", JOB_URL)})
    assert run("import", "linkedin", export).exit_code == 0
    assert run("import", "targets", targets_file(tmp_path, "Company,Priority\r\nStripe,high\r\n")).exit_code == 0
    rows, targets, _ = read_plan(run, tmp_path)
    bennett = row_of(rows, "Bennett Cho")
    assert bennett["Kind"] == "referral" and bennett["Week"] == 1
    assert "the best-placed person you know there" in bennett["Why"] and JOB_URL in bennett["Message"]
    assert "best-placed" not in row_of(rows, "Vera Vance")["Why"]
    stripe = next(t for t in targets if t["Target"] == "Stripe")
    assert "ask Bennett Cho for a referral" in stripe["Applied lately"]


# --- 4. a warm path is not "nobody" ------------------------------------------------------------------

CLOUDFLARE_JOB = "http://www.linkedin.com/jobs/view/4088120094"


def test_an_application_where_only_a_friend_knows_someone_asks_that_friend(run, tmp_path):
    mine = make_zip(tmp_path / "Complete_LinkedInDataExport.zip", {
        "Connections.csv": CONNECTIONS_HEADER + person("Casey", "Lund", "Ibotta", "Senior Analytics Engineer", 2000)
        + person("Noor", "Haddad", "Spotify", "Data Engineer", 300),
        "Profile.csv": PROFILE,
        "Jobs/Job Applications.csv": APPLICATIONS_HEADER + applied(12, "Cloudflare", "Data Engineer", CLOUDFLARE_JOB)})
    casey = make_zip(tmp_path / "Basic_LinkedInDataExport_casey.zip", {
        "Connections.csv": CONNECTIONS_HEADER
        + person("Amara", "Whitfield-Osei", "Cloudflare", "Data Engineering Manager", 1400)
        + person("Lou", "Lam", "Spotify", "Designer", 900)})
    assert run("import", "linkedin", mine).exit_code == 0
    assert run("import", "linkedin", "--owner", "Casey Lund", casey).exit_code == 0
    mine_targets = targets_file(tmp_path, "Company,Priority\r\nCloudflare,high\r\nSpotify,medium\r\n")
    assert run("import", "targets", mine_targets).exit_code == 0
    rows, targets, _ = read_plan(run, tmp_path)
    ask = row_of(rows, "Casey Lund")
    assert ask["Kind"] == "intro" and "Amara Whitfield-Osei" in ask["About"]
    day = ago(12)
    assert f"You applied for Data Engineer at Cloudflare on {day.day} {day:%b} ({CLOUDFLARE_JOB})" in ask["Why"]
    assert "the Data Engineer role at Cloudflare" in ask["Message"] and CLOUDFLARE_JOB in ask["Message"]
    cloudflare = next(t for t in targets if t["Target"] == "Cloudflare")
    assert cloudflare["Applied lately"] == (
        f"applied {day.day} {day:%b} for Data Engineer: you know nobody there yourself; Casey Lund knows "
        f"Amara Whitfield-Osei — ask for an introduction (rank {ask['Rank']} in Outreach)")
