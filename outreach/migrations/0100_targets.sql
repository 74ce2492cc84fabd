-- Target employers, as imported from the user's spreadsheets.
CREATE TABLE targets (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,            -- as written (first occurrence)
    key           TEXT NOT NULL UNIQUE,     -- normalise_company(name); duplicates merge on it
    priority      REAL NOT NULL,            -- normalised: 1.0 = most wanted, 0.0 = least
    priority_text TEXT NOT NULL DEFAULT '', -- the original text ("High", "2", "★★★", "")
    row_order     INTEGER NOT NULL,         -- position in the user's list (sheet order, then rows)
    location      TEXT NOT NULL DEFAULT '',
    industry      TEXT NOT NULL DEFAULT '',
    roles         TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    sheet         TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT ''
);
