-- The unique index on (filed_by, idempotency_key) already finds a filer's
-- requests; a second index on filed_by alone only cost every filing one more
-- B-tree to write.
DROP INDEX requests_filed_by;
