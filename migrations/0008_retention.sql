-- 0008: retention rules and their runs (issue 7). A rule says which households are due for
-- removal under the document management plan — leads with no activity for N months, households
-- closed (not moving, moved away) for N months — optionally only those wanting to move to one
-- municipality. Due households are reviewed and removed on confirmation, or on schedule when the
-- rule says so; each removal is an erasure (erasure.rs), so it sticks like one. Each run is
-- logged with the rule, how many and who, never what was removed.

CREATE TABLE retention_rules (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL, -- inactive_leads | closed
    months       INTEGER NOT NULL,
    municipality TEXT,          -- NULL: every household
    automatic    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    created_by   TEXT REFERENCES users (id),
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE retention_runs (
    id         TEXT PRIMARY KEY,
    rule_id    TEXT NOT NULL REFERENCES retention_rules (id),
    households INTEGER NOT NULL,
    rows       INTEGER NOT NULL,
    ran_at     TEXT NOT NULL,
    ran_by     TEXT REFERENCES users (id), -- NULL when it ran on schedule
    automatic  INTEGER NOT NULL
) STRICT;
CREATE INDEX retention_runs_at ON retention_runs (ran_at);
