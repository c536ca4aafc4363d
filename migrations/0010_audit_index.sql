-- 0010: the audit browser (issue 7) reads the change log newest first, across every record,
-- optionally for one user or one kind of record, between two days. The log's only key is
-- (row_id, field, hlc), so each such page sorted the whole log: seconds at 100,000 households.
-- Three indexes make every page a short range scan. Each also carries the key (about 100 bytes
-- an entry), and new entries land at the end of each (clock stamps only grow), so writes pay
-- little; docs/decisions.md has the measurements. Numbered 0010: 0009 is taken on another branch.

CREATE INDEX change_log_time ON change_log (hlc);
CREATE INDEX change_log_user ON change_log (user_id, hlc);
CREATE INDEX change_log_entity ON change_log (entity, hlc);
