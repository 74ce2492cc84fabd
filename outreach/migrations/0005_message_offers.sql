-- When the person last offered the owner help or a referral in a one-to-one message ("happy to
-- refer you", "send me your CV"; imports/linkedin/messages.py, offers_help): ISO timestamp (UTC),
-- NULL when they never did. Rows stored before this column existed get it at the next messages
-- import (each import rebuilds the owner's rows).
ALTER TABLE message_stats ADD COLUMN offered_help_at TEXT;
