-- Saved smart-report templates ("90岁以上老人牛奶发放"): the filter and
-- groupings as JSON, re-run on fresh data.
CREATE TABLE report_templates (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  filter TEXT NOT NULL,
  group_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (owner_id, name)
);
