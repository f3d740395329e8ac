-- Spreadsheets uploaded for import, parsed, kept until committed or a day old,
-- so the mapping, dry run and commit steps can land on any node.
CREATE TABLE import_uploads (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  filename TEXT NOT NULL,
  headers TEXT NOT NULL,   -- JSON array
  rows TEXT NOT NULL,      -- JSON array of arrays
  row_numbers TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
