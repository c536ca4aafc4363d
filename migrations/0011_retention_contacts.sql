-- 0011: retention rules for contact persons, by type of organisation (issue 7). Why it looks
-- like this:
-- * Contact persons at employers, municipalities and the other organisations are personal data
--   too, kept only as long as the document management plan allows: a rule of kind
--   `inactive_contacts` finds those with no change (to them, or to a link that names them) for
--   N months, optionally only at organisations of one type (`organisation_kind`: employer,
--   municipality, university, …). Household rules leave it NULL.
-- * A removal is an erasure like a household's: the row and its change-log values go, a link
--   that named the person keeps the household's link without the name, an `erased_rows` marker
--   stays, and a restored older backup gets it applied again.

ALTER TABLE retention_rules ADD COLUMN organisation_kind TEXT; -- NULL: every type
