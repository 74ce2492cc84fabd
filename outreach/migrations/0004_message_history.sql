-- Message history each way, per owner and person (issue 10): when the owner last wrote to them
-- and they to the owner, who wrote last, and for how many messages the last writer has been
-- waiting for an answer. Rows stored before these columns existed get them at the next messages
-- import (each import rebuilds the owner's rows).
ALTER TABLE message_stats ADD COLUMN first_sent_at TEXT;      -- ISO timestamp (UTC): by the owner
ALTER TABLE message_stats ADD COLUMN last_sent_at TEXT;
ALTER TABLE message_stats ADD COLUMN first_received_at TEXT;  -- by the person
ALTER TABLE message_stats ADD COLUMN last_received_at TEXT;
ALTER TABLE message_stats ADD COLUMN last_from TEXT CHECK (last_from IN ('owner', 'them'));
-- The last writer's run at the end of the history: 1 = the last message alone, 3 = two more
-- after it without a reply; 0 without messages.
ALTER TABLE message_stats ADD COLUMN unanswered INTEGER NOT NULL DEFAULT 0;

-- Who an owner is on LinkedIn, as their own export shows them (the owner of its messages or
-- invitations): the user's own identity tells their export from a friend's.
ALTER TABLE owners ADD COLUMN linkedin_name TEXT NOT NULL DEFAULT '';
ALTER TABLE owners ADD COLUMN linkedin_key TEXT;  -- normalised profile URL, else a name key
