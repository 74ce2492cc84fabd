-- What a change between two exports was: 'job' (another employer: "congratulations on the new
-- role") or 'promotion' (a new title at the same employer, compared by
-- outreach.companies.names.company_key). Rows recorded before this column existed were all
-- called job changes; those whose company text did not change were new titles.
ALTER TABLE job_changes ADD COLUMN kind TEXT NOT NULL DEFAULT 'job' CHECK (kind IN ('job', 'promotion'));
UPDATE job_changes SET kind = 'promotion' WHERE old_company = new_company COLLATE NOCASE;
