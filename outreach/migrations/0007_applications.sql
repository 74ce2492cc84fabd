-- The jobs an owner applied for on LinkedIn (Jobs/Job Applications.csv of their export;
-- imports/linkedin/applications.py). Only the user's own export fills it: a friend's
-- applications are theirs. applied_on is an ISO date. The plan asks a contact at an employer
-- the user applied to lately for a referral (outreach/plan/kinds.py).
CREATE TABLE applications (
    owner_id   INTEGER NOT NULL REFERENCES owners(id),
    company    TEXT NOT NULL,
    job_title  TEXT NOT NULL DEFAULT '',
    applied_on TEXT NOT NULL,
    job_url    TEXT NOT NULL DEFAULT '',
    UNIQUE (owner_id, company, job_title, applied_on)
);
