-- People no longer connected to the owner: LinkedIn's Connections.csv is complete, so a contact
-- missing from the owner's newest Connections.csv has been removed (by the owner or by them).
-- removed_on is the ISO date of the export that first showed them missing; NULL while connected.
-- Set and cleared by outreach/linkedin/apply.py; the plan, matching and `outreach contacts`
-- leave removed contacts out (their message history stays in message_stats).
ALTER TABLE contacts ADD COLUMN removed_on TEXT;
