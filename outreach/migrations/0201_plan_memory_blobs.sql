-- What the plan wrote, one compressed record per list sheet of a write instead of one table row
-- per sheet row: storing and loading 5,000 rows one by one took longer than comparing them.
-- (The rows of 0200 are only a memory of earlier writes: a plan without it reads a workbook as
-- before, keeping what the user typed in the editable columns.)
DROP TABLE plan_rows;
-- zlib-compressed JSON {row key: [label, its cells (outreach.workbook.values.row_text), 1 when
-- it held values of the user's]}, see outreach/plan/memory.py
ALTER TABLE plan_sheets ADD COLUMN rows BLOB NOT NULL DEFAULT x'';
