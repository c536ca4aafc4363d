-- 0006: erasure requests and the permanent markers of erased rows. Why it looks like this:
-- * A request about a household ends as erased, restricted or refused, with a recorded reason
--   (a public authority may have to keep official documents). The request holds the subject's
--   id and the decision, never the erased data: the register shows what was decided without
--   keeping what was erased.
-- * `erased_rows` is one marker per erased row id (its table, the request): no personal data.
--   Both tables are synced and append-only, so the markers reach other laptops later, and a
--   restored older backup gets every erasure made since applied again (landa-core erasure.rs).

CREATE TABLE erasure_requests (
    id           TEXT PRIMARY KEY,
    entity       TEXT NOT NULL, -- households
    subject_id   TEXT NOT NULL, -- the household the request is about
    outcome      TEXT NOT NULL, -- erased | restricted | refused
    reason       TEXT NOT NULL,
    requested_on TEXT NOT NULL, -- the day the request came in
    decided_at   TEXT NOT NULL,
    decided_by   TEXT REFERENCES users (id),
    rows_erased  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX erasure_requests_decided ON erasure_requests (decided_at);

CREATE TABLE erased_rows (
    id         TEXT PRIMARY KEY, -- the erased row's own id
    entity     TEXT NOT NULL,    -- the table it was in
    request_id TEXT NOT NULL REFERENCES erasure_requests (id)
) STRICT;
CREATE INDEX erased_rows_request ON erased_rows (request_id);
