-- 0004: projects, targets and the funder report. Why it looks like this:
-- * A project's participating organisations are rows with the day each joined (and left), so
--   "participating organisations in the period" can be counted for any period, and funders
--   get the names. The old per-organisation flag stays for organisations outside any project.
-- * A target is one number per indicator and project, for the whole project period; progress
--   is judged against the share of the period that has passed.
-- * A report is a draft (the period and the coordinator's own text) until it is submitted.
--   Submitting stores the computed report as one JSON document that is never written again:
--   later edits to the data cannot change what was sent to the funder.
-- * Events say whether they were held outside the region: funders count profiling activities
--   (fairs, campaigns) held elsewhere separately.

CREATE TABLE project_organisations (
    id              TEXT PRIMARY KEY,
    project_id      TEXT NOT NULL REFERENCES projects (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    joined_on       TEXT NOT NULL,
    left_on         TEXT,
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_organisations_project ON project_organisations (project_id) WHERE deleted = 0;
CREATE INDEX project_organisations_org ON project_organisations (organisation_id) WHERE deleted = 0;

CREATE TABLE project_targets (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    indicator  TEXT NOT NULL,
    target     INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_targets_project ON project_targets (project_id, indicator) WHERE deleted = 0;

CREATE TABLE reports (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects (id),
    title        TEXT NOT NULL,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    sections     TEXT NOT NULL DEFAULT '{}', -- JSON: the coordinator's own text per section
    submitted_on TEXT,                       -- NULL while a draft
    submitted_by TEXT REFERENCES users (id),
    snapshot     TEXT,                       -- JSON: the report as submitted, never rewritten
    created_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX reports_project ON reports (project_id, period_to) WHERE deleted = 0;

ALTER TABLE events ADD COLUMN outside_region INTEGER NOT NULL DEFAULT 0;

-- For the report's figures at 100,000 households: leads by the day they were taken and
-- arrivals by the day they came (each covering what the report reads of them); the households that ever moved other
-- than forward (every such move has a reason), whose furthest stage must be read from their
-- history by household and stage; moves into a stage by day (moved away in a period); and
-- matches by the days they started and ended.
CREATE INDEX households_created ON households (created_at, duplicate_of, stage, source_event_id) WHERE deleted = 0;
DROP INDEX households_arrived; -- the covering index below answers everything it did
CREATE INDEX households_arrivals ON households (arrived_on, duplicate_of, source_event_id, created_at, desired_municipalities)
    WHERE deleted = 0 AND arrived_on IS NOT NULL;
CREATE INDEX stage_changes_reasoned ON stage_changes (household_id) WHERE reason IS NOT NULL;
CREATE INDEX stage_changes_reach ON stage_changes (household_id, to_stage);
CREATE INDEX stage_changes_to ON stage_changes (to_stage, changed_at);
CREATE INDEX host_matches_started ON host_matches (started_on) WHERE started_on IS NOT NULL;
CREATE INDEX host_matches_ended ON host_matches (ended_on) WHERE ended_on IS NOT NULL;
