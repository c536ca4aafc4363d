-- 0002: fairs, kiosk and what came of the leads. Why it looks like this:
-- * Columns are added at the end of existing tables (SQLite's ALTER TABLE ADD COLUMN), so the
--   change log's field lists grow without renaming anything already logged.
-- * A lead's time frame, whether a visitor typed it at the kiosk, when staff reviewed it and
--   which household it duplicates belong to the household: one field, one value, synced.
-- * A follow-up task remembers the event it came from, so "reschedule this fair's follow-ups"
--   finds exactly those tasks.
-- * Consent texts are append-only versions: a consent record names the version (and language)
--   the person saw, and that text can always be shown again.
-- * contact_keys is derived data like the search index: every email and phone of every live
--   person, for the duplicate warning while a lead is typed. Never synced.

ALTER TABLE events ADD COLUMN follow_up_days INTEGER NOT NULL DEFAULT 3;

ALTER TABLE households ADD COLUMN time_frame TEXT;
ALTER TABLE households ADD COLUMN self_registered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE households ADD COLUMN reviewed_at TEXT;
ALTER TABLE households ADD COLUMN duplicate_of TEXT REFERENCES households (id);

ALTER TABLE tasks ADD COLUMN event_id TEXT REFERENCES events (id);
CREATE INDEX tasks_event ON tasks (event_id, household_id) WHERE event_id IS NOT NULL;

CREATE INDEX interactions_event ON interactions (event_id, occurred_at) WHERE event_id IS NOT NULL;
CREATE INDEX event_attendance_household ON event_attendance (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX events_kind ON events (kind, starts_on) WHERE deleted = 0;

CREATE TABLE consent_texts (
    id         TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    version    INTEGER NOT NULL, -- 1, 2, 3… per purpose; a consent record says "v2-sv"
    text_sv    TEXT NOT NULL,
    text_en    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX consent_texts_purpose ON consent_texts (purpose, version);

CREATE TABLE contact_keys (
    contact      TEXT NOT NULL, -- a lower-cased email address or an E.164 phone number
    person_id    TEXT NOT NULL,
    household_id TEXT NOT NULL,
    PRIMARY KEY (contact, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_keys_household ON contact_keys (household_id);

INSERT INTO contact_keys (contact, person_id, household_id)
SELECT DISTINCT lower(e.value), p.id, p.household_id
FROM persons p JOIN households h ON h.id = p.household_id, json_each(p.emails) e
WHERE p.deleted = 0 AND h.deleted = 0
UNION
SELECT DISTINCT ph.value, p.id, p.household_id
FROM persons p JOIN households h ON h.id = p.household_id, json_each(p.phones) ph
WHERE p.deleted = 0 AND h.deleted = 0;
