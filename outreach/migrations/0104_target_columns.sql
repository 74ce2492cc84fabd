-- The columns of a target list that no field reads ("Why", "Applied?", a link to a posting...):
-- a JSON object {header: cell text} in the file's column order, blank cells left out.
ALTER TABLE targets ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
