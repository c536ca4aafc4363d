-- 0007: reads of sensitive views are logged too (issue 7, audit). An access extract or an
-- export of personal data is a read worth knowing about: what kind, about whom (an id only),
-- when and by whom. Synced and append-only like the change log's own facts; it holds no
-- personal data itself.

CREATE TABLE read_log (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL, -- access_extract | export_json | export_csv | export_vcard | export_households | export_organisations | export_newsletter
    subject_id TEXT,          -- the household an extract was about; NULL for whole exports
    at         TEXT NOT NULL,
    user_id    TEXT REFERENCES users (id)
) STRICT;
CREATE INDEX read_log_at ON read_log (at);
