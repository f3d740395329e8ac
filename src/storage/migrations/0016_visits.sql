-- Visit plans (走访): rules give each grid worker a visit list; visits are
-- recorded on a phone; a missed visit alerts the community admin once.
CREATE TABLE visit_rules (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES streets(id),
  community_id INTEGER REFERENCES communities(id),  -- NULL: the whole street
  name TEXT NOT NULL,
  filter TEXT NOT NULL,             -- a smart-report filter (JSON)
  every_days INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  street_id INTEGER NOT NULL,
  community_id INTEGER,
  grid_id INTEGER,
  visited_on TEXT NOT NULL,         -- YYYY-MM-DD
  visitor_id INTEGER REFERENCES users(id),
  outcome TEXT NOT NULL,            -- met | not_home | refused
  notes TEXT NOT NULL DEFAULT '',
  request_id INTEGER REFERENCES requests(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX visits_resident ON visits(resident_id, visited_on);

CREATE TABLE visit_alerts (
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  due_on TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (resident_id, due_on)
);

INSERT INTO notification_templates (code, locale, subject, body) VALUES
  ('visits.missed', 'zh-CN', '{{count}} 位居民走访已逾期', '{{community}}有 {{count}} 位居民未按计划走访，最早：{{first}}（应于 {{due}}）。'),
  ('visits.missed', 'en', '{{count}} visits missed', '{{count}} residents in {{community}} were not visited as planned; the first: {{first}} (due {{due}}).');
