-- What `outreach plan` wrote into each workbook, so that the next plan tells the user's changes
-- from its own values (outreach/plan/memory.py), and the rows the user deleted from a plan.

-- One row per workbook path: the latest write there. `token` is also in the workbook's hidden
-- description, so a workbook copied or moved elsewhere is still recognised.
CREATE TABLE plan_writes (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL UNIQUE,   -- the workbook, symbolic links resolved
    token      TEXT NOT NULL UNIQUE,
    written_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Per list sheet of a write: the plan's own columns, in the order of `plan_rows.cells`.
CREATE TABLE plan_sheets (
    write_id INTEGER NOT NULL REFERENCES plan_writes (id) ON DELETE CASCADE,
    sheet    TEXT NOT NULL,
    headers  TEXT NOT NULL,           -- JSON list
    PRIMARY KEY (write_id, sheet)
) WITHOUT ROWID;

-- Per row of a list sheet: a fingerprint of each cell the plan wrote (outreach.workbook.values
-- .fingerprint; '' for an empty cell), tab-separated, and the row's name for the user.
CREATE TABLE plan_rows (
    write_id INTEGER NOT NULL,
    sheet    TEXT NOT NULL,
    row_key  TEXT NOT NULL,
    label    TEXT NOT NULL,
    cells    TEXT NOT NULL,
    PRIMARY KEY (write_id, sheet, row_key),
    FOREIGN KEY (write_id, sheet) REFERENCES plan_sheets (write_id, sheet) ON DELETE CASCADE
) WITHOUT ROWID;

-- Rows the user deleted from a plan's list sheet: left out of every later plan until restored
-- (`outreach plan --restore NAME`).
CREATE TABLE plan_deleted (
    sheet      TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    label      TEXT NOT NULL,
    deleted_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d', 'now')),
    PRIMARY KEY (sheet, row_key)
) WITHOUT ROWID;
