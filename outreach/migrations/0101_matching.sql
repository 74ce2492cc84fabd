-- Company matching: the user's own aliases, their review decisions, and a cache of analysed
-- company names.

-- `outreach alias add "Old Name" "Target"`: contacts at alias count for target.
CREATE TABLE company_aliases (
    alias_key  TEXT NOT NULL,           -- normalise_company(alias)
    target_key TEXT NOT NULL,           -- normalise_company(target)
    alias      TEXT NOT NULL,           -- as the user typed it
    target     TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (alias_key, target_key)
);

-- `outreach review --accept/--reject COMPANY TARGET`, by normalised names so a decision holds
-- for every spelling with the same key and survives re-imports.
CREATE TABLE review_decisions (
    company_key TEXT NOT NULL,
    target_key  TEXT NOT NULL,
    company     TEXT NOT NULL,          -- as shown when the user decided
    target      TEXT NOT NULL,
    accepted    INTEGER NOT NULL,       -- 1 accepted, 0 rejected
    decided_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (company_key, target_key)
);

-- Company names as written -> outreach.companies.encode_analysis(). Only a speed-up: emptied
-- whenever the normalisation rules change (settings 'company_names_rules').
CREATE TABLE company_names (
    raw      TEXT PRIMARY KEY,
    analysis TEXT NOT NULL
) WITHOUT ROWID;
