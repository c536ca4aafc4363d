-- 0001: the first schema. Why it looks like this:
-- * Every synced table has a TEXT UUID v7 primary key made on the device, and a `deleted`
--   tombstone flag instead of DELETE, so a later sync can merge rows from several devices.
-- * Every synced row is written together with field-level rows in `change_log`
--   (see docs/architecture.md); `change_log` is both the audit trail and the future sync feed.
-- * Lists that are edited as a whole (tags, languages, emails) are JSON arrays in one column:
--   one field, one last-writer-wins value.
-- * Append-only facts (stage changes, interactions, consent records) are never updated.
-- * Events, hosts, host matches, job openings and referrals are modelled now so that later
--   work extends this schema instead of reworking it.

CREATE TABLE device (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id   TEXT NOT NULL,
    hlc         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE local_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One row per changed field. Keyed by (row, field, clock) without a rowid: the key is the
-- lookup the merge needs ("newest stamp for this field") and the history view's order, and
-- the table stays about half the size of a rowid table plus an index. The device is the
-- clock's node (its last 16 hex digits), so it is not stored twice.
CREATE TABLE change_log (
    row_id  TEXT NOT NULL,
    field   TEXT NOT NULL,
    hlc     TEXT NOT NULL,
    entity  TEXT NOT NULL,
    user_id TEXT,
    value   TEXT NOT NULL, -- JSON
    PRIMARY KEY (row_id, field, hlc)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE organisations (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL,
    municipality        TEXT,
    website             TEXT,
    email               TEXT,
    phone               TEXT,
    participating       INTEGER NOT NULL DEFAULT 0,
    participating_since TEXT,
    notes               TEXT,
    created_at          TEXT NOT NULL,
    deleted             INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX organisations_kind ON organisations (kind) WHERE deleted = 0;

CREATE TABLE contact_persons (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    title           TEXT,
    email           TEXT,
    phone           TEXT,
    notes           TEXT,
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contact_persons_org ON contact_persons (organisation_id);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT,
    place           TEXT,
    organiser_id    TEXT REFERENCES organisations (id),
    cost_ore        INTEGER, -- whole öre, to keep money exact
    four_t          TEXT NOT NULL DEFAULT '[]', -- JSON array of talent/tolerance/technology/territorial_assets
    notes           TEXT,
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX events_starts ON events (starts_on);

CREATE TABLE households (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    stage                  TEXT NOT NULL,
    closed_reason          TEXT,
    arrived_on             TEXT,
    owner_id               TEXT REFERENCES users (id),
    source                 TEXT,
    source_event_id        TEXT REFERENCES events (id),
    desired_municipalities TEXT NOT NULL DEFAULT '[]',
    tags                   TEXT NOT NULL DEFAULT '[]',
    notes                  TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    deleted                INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX households_stage ON households (stage, updated_at) WHERE deleted = 0;
CREATE INDEX households_owner ON households (owner_id) WHERE deleted = 0;
CREATE INDEX households_arrived ON households (arrived_on) WHERE arrived_on IS NOT NULL;
CREATE INDEX households_event ON households (source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX households_updated ON households (updated_at) WHERE deleted = 0;

CREATE TABLE persons (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households (id),
    first_name   TEXT NOT NULL,
    last_name    TEXT,
    role         TEXT NOT NULL, -- adult / child
    birth_year   INTEGER,
    languages    TEXT NOT NULL DEFAULT '[]',
    profession   TEXT,
    emails       TEXT NOT NULL DEFAULT '[]',
    phones       TEXT NOT NULL DEFAULT '[]',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX persons_household ON persons (household_id);

CREATE TABLE stage_changes (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households (id),
    from_stage   TEXT,
    to_stage     TEXT NOT NULL,
    reason       TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX stage_changes_household ON stage_changes (household_id, changed_at);

CREATE TABLE interactions (
    id              TEXT PRIMARY KEY,
    household_id    TEXT REFERENCES households (id),
    organisation_id TEXT REFERENCES organisations (id),
    event_id        TEXT REFERENCES events (id),
    kind            TEXT NOT NULL,
    occurred_at     TEXT NOT NULL,
    summary         TEXT NOT NULL,
    created_by      TEXT REFERENCES users (id),
    created_at      TEXT NOT NULL,
    CHECK (household_id IS NOT NULL OR organisation_id IS NOT NULL)
) STRICT;
CREATE INDEX interactions_household ON interactions (household_id, occurred_at);
CREATE INDEX interactions_org ON interactions (organisation_id, occurred_at);

CREATE TABLE consents (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    purpose      TEXT NOT NULL,
    basis        TEXT NOT NULL,
    status       TEXT NOT NULL, -- given / withdrawn
    text_version TEXT,          -- the version of the text the person saw
    method       TEXT NOT NULL, -- how it was recorded
    note         TEXT,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX consents_person ON consents (person_id, purpose, recorded_at);

CREATE TABLE org_links (
    id                TEXT PRIMARY KEY,
    household_id      TEXT NOT NULL REFERENCES households (id),
    person_id         TEXT REFERENCES persons (id),
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    contact_person_id TEXT REFERENCES contact_persons (id),
    purpose           TEXT NOT NULL,
    status            TEXT NOT NULL,
    note              TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX org_links_household ON org_links (household_id);
CREATE INDEX org_links_org ON org_links (organisation_id);

CREATE TABLE tasks (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    owner_id        TEXT REFERENCES users (id),
    household_id    TEXT REFERENCES households (id),
    organisation_id TEXT REFERENCES organisations (id),
    done_at         TEXT,
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX tasks_open ON tasks (owner_id, due_on) WHERE done_at IS NULL AND deleted = 0;
CREATE INDEX tasks_household ON tasks (household_id);
CREATE INDEX tasks_org ON tasks (organisation_id);

CREATE TABLE event_attendance (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id),
    household_id    TEXT REFERENCES households (id),
    person_id       TEXT REFERENCES persons (id),
    organisation_id TEXT REFERENCES organisations (id),
    role            TEXT NOT NULL DEFAULT 'attendee',
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX event_attendance_event ON event_attendance (event_id);

CREATE TABLE hosts (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    municipality    TEXT,
    village         TEXT,
    languages       TEXT NOT NULL DEFAULT '[]',
    interests       TEXT NOT NULL DEFAULT '[]',
    profession      TEXT,
    household_type  TEXT,
    children_ages   TEXT NOT NULL DEFAULT '[]',
    capacity        INTEGER NOT NULL DEFAULT 1,
    status          TEXT NOT NULL DEFAULT 'active',
    email           TEXT,
    phone           TEXT,
    notes           TEXT,
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE host_matches (
    id           TEXT PRIMARY KEY,
    host_id      TEXT NOT NULL REFERENCES hosts (id),
    household_id TEXT NOT NULL REFERENCES households (id),
    status       TEXT NOT NULL,
    score        REAL,
    started_on   TEXT,
    ended_on     TEXT,
    end_reason   TEXT,
    created_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX host_matches_household ON host_matches (household_id);
CREATE INDEX host_matches_host ON host_matches (host_id);

CREATE TABLE job_openings (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    title           TEXT NOT NULL,
    competence_area TEXT,
    municipality    TEXT,
    starts_on       TEXT,
    status          TEXT NOT NULL DEFAULT 'open',
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX job_openings_org ON job_openings (organisation_id);

CREATE TABLE job_referrals (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES persons (id),
    household_id    TEXT NOT NULL REFERENCES households (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    opening_id      TEXT REFERENCES job_openings (id),
    status          TEXT NOT NULL,
    status_on       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX job_referrals_org ON job_referrals (organisation_id, status);
CREATE INDEX job_referrals_household ON job_referrals (household_id);

-- Search: derived from the tables above, rebuilt by the use-case layer in the same transaction
-- as the write; never synced. Trigram finds partial words; remove_diacritics folds å/ä/ö/é.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title,
    body,
    tokenize = 'trigram case_sensitive 0 remove_diacritics 1'
);
-- Names alone, so "a name contains this" is answered from a small index instead of by
-- filtering every match in search_fts down to its title column.
CREATE VIRTUAL TABLE search_title_fts USING fts5 (
    title,
    tokenize = 'trigram case_sensitive 0 remove_diacritics 1'
);
-- One row per searchable thing; its rowid is the FTS rowid.
CREATE TABLE search_docs (
    rowid           INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL, -- household / person / organisation / contact_person
    ref_id          TEXT NOT NULL UNIQUE,
    household_id    TEXT,
    organisation_id TEXT,
    title           TEXT NOT NULL,
    folded          TEXT NOT NULL -- the title in lower case without diacritics
) STRICT;
CREATE INDEX search_docs_household ON search_docs (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX search_docs_organisation ON search_docs (organisation_id) WHERE organisation_id IS NOT NULL;
-- Every folded word of every name, for "starts with" search: one index range answers the
-- first letters a coordinator types (including one and two letters, which trigrams cannot),
-- and stops after the first page instead of ranking every match.
CREATE TABLE search_words (
    word TEXT NOT NULL,
    doc  INTEGER NOT NULL,
    PRIMARY KEY (word, doc)
) STRICT, WITHOUT ROWID;
