-- Core tables: settings, owners of exports, contacts, job changes, messages, invitations, imports.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Whose export a contact came from. id 1 is the user themself; others come from --owner.
CREATE TABLE owners (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    is_self INTEGER NOT NULL DEFAULT 0
);
INSERT INTO owners (id, name, is_self) VALUES (1, 'me', 1);

-- One row per (owner, person). person_key is the normalised profile URL
-- ("www.linkedin.com/in/jane-doe") or, for exports without URLs, a weaker key that
-- never merges two different people (see imports/linkedin.py).
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners(id),
    person_key    TEXT NOT NULL,
    first_name    TEXT NOT NULL DEFAULT '',
    last_name     TEXT NOT NULL DEFAULT '',
    profile_url   TEXT,
    email         TEXT,
    company       TEXT NOT NULL DEFAULT '',
    position      TEXT NOT NULL DEFAULT '',
    connected_on  TEXT,             -- ISO date
    first_seen_on TEXT NOT NULL,    -- ISO date of the export that first had this person
    last_seen_on  TEXT NOT NULL,    -- ISO date of the newest export that had this person
    UNIQUE (owner_id, person_key)
);
CREATE INDEX contacts_company ON contacts (company);

-- "Congratulations on the new role": the old and new company as seen between two exports.
CREATE TABLE job_changes (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    old_company  TEXT NOT NULL,
    old_position TEXT NOT NULL,
    new_company  TEXT NOT NULL,
    new_position TEXT NOT NULL,
    seen_on      TEXT NOT NULL,     -- ISO date of the export that showed the change
    UNIQUE (contact_id, old_company, new_company, seen_on)
);

-- Tie strength from 1:1 message threads, per owner and person. Rebuilt from each messages import.
CREATE TABLE message_stats (
    owner_id          INTEGER NOT NULL REFERENCES owners(id),
    person_key        TEXT NOT NULL,
    name              TEXT NOT NULL DEFAULT '',
    messages_sent     INTEGER NOT NULL DEFAULT 0,
    messages_received INTEGER NOT NULL DEFAULT 0,
    first_message_at  TEXT,         -- ISO timestamp (UTC)
    last_message_at   TEXT,
    PRIMARY KEY (owner_id, person_key)
);

CREATE TABLE invitations (
    owner_id   INTEGER NOT NULL REFERENCES owners(id),
    person_key TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    direction  TEXT NOT NULL,       -- 'outgoing' or 'incoming'
    sent_at    TEXT,
    message    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (owner_id, person_key, direction)
);

-- One row per successful import, with the summary the user was shown.
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,     -- 'connections', 'messages', 'invitations', 'targets', 'groups'
    source       TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    owner_id     INTEGER REFERENCES owners(id),
    imported_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    summary_json TEXT NOT NULL DEFAULT '{}'
);
