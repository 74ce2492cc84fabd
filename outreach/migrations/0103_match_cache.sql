-- Where each company name (as contacts write it) lands among one list of targets, with the
-- table, the user's aliases and review decisions of the time, as JSON. Only a speed-up:
-- replaced whenever any of those, the rules or the year change.
CREATE TABLE match_cache (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    data        TEXT NOT NULL
);
