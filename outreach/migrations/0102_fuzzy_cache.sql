-- Fuzzy (review-tier) comparisons already made against one list of targets: company key ->
-- near misses, as JSON. Only a speed-up: replaced whenever the targets or the rules change.
CREATE TABLE fuzzy_cache (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    data        TEXT NOT NULL
);
