-- 0005: imports from spreadsheets and merges of duplicates, both undoable. Why it looks like this:
-- * Every row an import writes goes through the change log like any other write, in one
--   transaction. The batch remembers the clock stamps its transaction used (first and last);
--   undoing reads the change log in that range: rows created there are tombstoned, and fields
--   updated there are set back to their previous value unless someone changed them since.
--   So the batch stores no copy of personal data, and the undo is itself in the change log.
-- * Batches and mapping presets are this device's working records, like local_settings: they
--   are not synced (what they wrote is).

CREATE TABLE import_batches (
    id         TEXT PRIMARY KEY,
    target     TEXT NOT NULL,  -- households | organisations
    file_name  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    hlc_from   TEXT NOT NULL,
    hlc_to     TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    undone_at  TEXT,
    undone_by  TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX import_batches_created ON import_batches (created_at);

CREATE TABLE import_presets (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    target     TEXT NOT NULL,
    mapping    TEXT NOT NULL, -- JSON: header → field, and the match and update choices
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX import_presets_name ON import_presets (target, lower(name));

-- Merges of two records into one (households, people, organisations). Like an import, a merge
-- is undone from the change log: it remembers its stamps and the rows it wrote.
CREATE TABLE merges (
    id         TEXT PRIMARY KEY,
    entity     TEXT NOT NULL,  -- households | persons | organisations
    kept_id    TEXT NOT NULL,
    merged_id  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    hlc_from   TEXT NOT NULL,
    hlc_to     TEXT NOT NULL,
    undone_at  TEXT,
    undone_by  TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX merges_created ON merges (created_at);

-- The rows an import batch or a merge wrote (ids only), for its undo.
CREATE TABLE operation_rows (
    operation_id TEXT NOT NULL,
    entity       TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    PRIMARY KEY (operation_id, entity, row_id)
) STRICT, WITHOUT ROWID;

-- Pairs a coordinator looked at and said are not the same: the duplicate scan leaves them out.
-- Synced, so a pair settled on one laptop stays settled on the others. `a_id` < `b_id`.
CREATE TABLE not_duplicates (
    id         TEXT PRIMARY KEY,
    entity     TEXT NOT NULL,  -- households | persons
    a_id       TEXT NOT NULL,
    b_id       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX not_duplicates_pair ON not_duplicates (entity, a_id, b_id) WHERE deleted = 0;
