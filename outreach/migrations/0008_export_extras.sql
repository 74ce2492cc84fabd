-- The rest of a LinkedIn export (issue 15): what the export says about its owner, read by
-- imports/linkedin/extras.py and applied by outreach/linkedin/extras.py. Only the user's own
-- export fills these tables (a friend's profile, jobs and recommendations are theirs).
--
-- Snapshots: an import that holds the file replaces the owner's rows of that table (LinkedIn
-- writes the whole history each time; a job unsaved or a company unfollowed is gone); an
-- import without the file leaves them alone. Dates are ISO text: 'YYYY-MM-DD' for days,
-- 'YYYY-MM' or 'YYYY' for Positions/Education months and years, '' when unknown.

-- Profile.csv (one row) and Jobs/Job Seeker Preferences.csv (one row). List fields are JSON
-- arrays of strings, in the file's order.
CREATE TABLE export_profile (
    owner_id     INTEGER PRIMARY KEY REFERENCES owners(id),
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL DEFAULT '',
    headline     TEXT NOT NULL DEFAULT '',
    industry     TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',   -- Geo Location: 'Austin, Texas, United States'
    zip_code     TEXT NOT NULL DEFAULT '',
    seen_on      TEXT NOT NULL               -- the export's date
);

CREATE TABLE job_preferences (
    owner_id           INTEGER PRIMARY KEY REFERENCES owners(id),
    locations          TEXT NOT NULL DEFAULT '[]',
    industries         TEXT NOT NULL DEFAULT '[]',
    job_titles         TEXT NOT NULL DEFAULT '[]',
    job_types          TEXT NOT NULL DEFAULT '[]',
    dream_companies    TEXT NOT NULL DEFAULT '[]',
    open_to_recruiters INTEGER,               -- 1 yes, 0 no, NULL not said
    seen_on            TEXT NOT NULL
);

-- Positions.csv: the owner's own jobs. finished_on '' = current.
CREATE TABLE positions (
    owner_id    INTEGER NOT NULL REFERENCES owners(id),
    company     TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    location    TEXT NOT NULL DEFAULT '',
    started_on  TEXT NOT NULL DEFAULT '',
    finished_on TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, company, title, started_on)
);

-- Education.csv
CREATE TABLE education (
    owner_id    INTEGER NOT NULL REFERENCES owners(id),
    school      TEXT NOT NULL,
    degree      TEXT NOT NULL DEFAULT '',
    started_on  TEXT NOT NULL DEFAULT '',
    finished_on TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, school, degree, started_on)
);

-- Recommendations_Received.csv ('received': the person recommended the owner) and
-- Recommendations_Given.csv ('given'). Status as written ('VISIBLE', 'HIDDEN', ...).
CREATE TABLE recommendations (
    owner_id   INTEGER NOT NULL REFERENCES owners(id),
    direction  TEXT NOT NULL CHECK (direction IN ('received', 'given')),
    first_name TEXT NOT NULL DEFAULT '',
    last_name  TEXT NOT NULL DEFAULT '',
    company    TEXT NOT NULL DEFAULT '',
    job_title  TEXT NOT NULL DEFAULT '',
    created_on TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, direction, first_name, last_name, created_on)
);

-- Endorsement_Received_Info.csv / Endorsement_Given_Info.csv. person_key: the other person's
-- profile URL normalised as contacts.person_key is (outreach.identity), '' when absent.
CREATE TABLE endorsements (
    owner_id    INTEGER NOT NULL REFERENCES owners(id),
    direction   TEXT NOT NULL CHECK (direction IN ('received', 'given')),
    first_name  TEXT NOT NULL DEFAULT '',
    last_name   TEXT NOT NULL DEFAULT '',
    person_key  TEXT NOT NULL DEFAULT '',
    skill       TEXT NOT NULL DEFAULT '',
    endorsed_on TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, direction, first_name, last_name, person_key, skill)
);

-- Company Follows.csv
CREATE TABLE company_follows (
    owner_id    INTEGER NOT NULL REFERENCES owners(id),
    company     TEXT NOT NULL,
    followed_on TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, company)
);

-- Jobs/Saved Jobs.csv
CREATE TABLE saved_jobs (
    owner_id  INTEGER NOT NULL REFERENCES owners(id),
    company   TEXT NOT NULL,
    job_title TEXT NOT NULL DEFAULT '',
    job_url   TEXT NOT NULL DEFAULT '',
    saved_on  TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, company, job_title, job_url)
);

-- Events.csv: events the owner registered for or attended. starts_at: 'YYYY-MM-DDTHH:MM' or
-- 'YYYY-MM-DD' or ''.
CREATE TABLE events (
    owner_id  INTEGER NOT NULL REFERENCES owners(id),
    name      TEXT NOT NULL,
    starts_at TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, name, starts_at)
);

-- Suggested targets the user decided on (outreach targets --accept / --reject, or the Targets
-- sheet's cell): key = company_key of the suggested name. 'accepted' ones become targets;
-- 'rejected' ones are never suggested again.
CREATE TABLE target_suggestions (
    key        TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    decided_on TEXT NOT NULL
);
