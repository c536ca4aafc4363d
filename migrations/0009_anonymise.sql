-- 0009: anonymisation, and retention rules scoped by project (issue 7). Why it looks like this:
-- * A household can be anonymised instead of erased: its rows stay, so the statistics (stages,
--   dates, municipalities, activities, the funder indicators) still count it, but every name,
--   contact detail and free text about it is replaced, its change log included. `anonymised_at`
--   marks it, so a retention rule does not find it due again.
-- * A retention rule says what it does to the households due (`erase` or `anonymise`), and may be
--   scoped to one project: the households wanting to move to a municipality of the project's
--   area, as the funder indicators count them. Each run records what it did.
-- Anonymisations are recorded as erasure requests (outcome `anonymised`), so a restored older
-- backup gets them applied again, like erasures.

ALTER TABLE households ADD COLUMN anonymised_at TEXT;
ALTER TABLE retention_rules ADD COLUMN action TEXT NOT NULL DEFAULT 'erase'; -- erase | anonymise
ALTER TABLE retention_rules ADD COLUMN project_id TEXT REFERENCES projects (id);
ALTER TABLE retention_runs ADD COLUMN action TEXT NOT NULL DEFAULT 'erase';
