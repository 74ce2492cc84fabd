-- The networking-group catalogue, as imported by `outreach import groups` (imports/groups.py).
-- Each import replaces the whole catalogue. The original text of every free-text column is kept
-- next to the number read from it; a number is NULL when its text could not be read.
CREATE TABLE groups (
    id                 INTEGER PRIMARY KEY,
    row_number         INTEGER NOT NULL,          -- the row in the user's file
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL DEFAULT 'other',  -- job club, referral club, chamber, ...
    kind_text          TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',  -- as written; '' when not given
    online             INTEGER NOT NULL DEFAULT 0,
    cost_text          TEXT NOT NULL DEFAULT '',
    free               INTEGER,                   -- 1 free, 0 paid, NULL unknown
    cost_per_year      REAL,                      -- first year: dues, fees per meeting, join fee
    join_fee           REAL,
    meets_text         TEXT NOT NULL DEFAULT '',
    meetings_per_month REAL,
    asynchronous       INTEGER NOT NULL DEFAULT 0, -- an online community without meetings
    duration_text      TEXT NOT NULL DEFAULT '',
    duration_hours     REAL,
    duration_per       TEXT NOT NULL DEFAULT 'meeting', -- 'meeting', 'week' or 'month'
    focus              TEXT NOT NULL DEFAULT '',  -- canonical, comma-separated
    focus_text         TEXT NOT NULL DEFAULT '',
    format             TEXT NOT NULL DEFAULT '',  -- facilitated | structured | speaker | open | ''
    format_text        TEXT NOT NULL DEFAULT '',
    visitors_text      TEXT NOT NULL DEFAULT '',
    visitors_policy    TEXT NOT NULL DEFAULT '',  -- open | limited | none | vetting | ''
    max_visits         INTEGER,
    contract_text      TEXT NOT NULL DEFAULT '',
    contract_months    INTEGER,
    salary_text        TEXT NOT NULL DEFAULT '',
    salary_min         INTEGER,
    salary_max         INTEGER,
    career_level       TEXT NOT NULL DEFAULT '',
    industries         TEXT NOT NULL DEFAULT '',
    url                TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    one_seat           INTEGER NOT NULL DEFAULT 0, -- one seat per profession: a job seeker can only visit
    volunteer_hours    REAL NOT NULL DEFAULT 0     -- hours a month asked in return (state job clubs)
);
