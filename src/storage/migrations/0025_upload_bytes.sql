-- Uploads keep the file's own bytes, read again record by record at the dry
-- run and the commit, instead of every cell as JSON (a 32 MiB CSV took about
-- 1 GB that way). Uploads live a day; those parsed the old way are dropped.
DELETE FROM import_uploads;
ALTER TABLE import_uploads ADD COLUMN body TEXT NOT NULL DEFAULT '';
-- body is the file deflated (zlib), body_size its length before: a CSV shrinks
-- five- to tenfold, and the database's page cache does not hold the whole file.
ALTER TABLE import_uploads ADD COLUMN body_size INTEGER NOT NULL DEFAULT 0;
