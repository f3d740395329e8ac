-- Deadlines on working days and escalation (吹哨). The business calendar
-- holds a street's exceptions to Monday–Friday (public holidays, make-up
-- workdays). Escalation levels are configuration: who is called at each
-- level and how many working hours they have to report in (报到) before the
-- next level is called. A request remembers its level and each call.
CREATE TABLE business_days (
  street_id INTEGER NOT NULL REFERENCES streets(id),
  date TEXT NOT NULL,               -- YYYY-MM-DD
  kind TEXT NOT NULL,               -- holiday | workday
  PRIMARY KEY (street_id, date)
);

CREATE TABLE escalation_levels (
  level INTEGER PRIMARY KEY,        -- 1, 2, 3 …
  color TEXT NOT NULL,              -- blue | yellow | red
  called TEXT NOT NULL,             -- who is called in (zh-CN)
  called_en TEXT NOT NULL,
  report_in_hours INTEGER NOT NULL  -- working hours to report in / resolve before the next level
);
INSERT INTO escalation_levels (level, color, called, called_en, report_in_hours) VALUES
  (1, 'blue', '职能部门科室负责人到场报到', 'The department''s section head reports in', 24),
  (2, 'yellow', '职能部门分管领导到现场', 'The department''s deputy leader attends on site', 24),
  (3, 'red', '职能部门主要负责人到现场', 'The head of the department attends on site', 24);

ALTER TABLE requests ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN warned INTEGER NOT NULL DEFAULT 0;
-- When the next level is called unless resolved (NULL: no further level).
ALTER TABLE requests ADD COLUMN next_escalation_at INTEGER;

CREATE TABLE request_escalations (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  level INTEGER NOT NULL,
  color TEXT NOT NULL,
  called TEXT NOT NULL,
  at INTEGER NOT NULL,
  report_in_due INTEGER NOT NULL,
  reported_at INTEGER,
  reported_by INTEGER REFERENCES users(id),
  UNIQUE (request_id, level)
);
CREATE INDEX requests_escalation ON requests(escalation_level) WHERE escalation_level > 0;

-- Open work per person, kept as each request moves, so routing reads one row
-- instead of counting a busy worker's whole queue: open requests and the sum
-- of their filing times (their total age at time t is open * t - created_sum).
CREATE TABLE assignee_load (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  open INTEGER NOT NULL,
  created_sum INTEGER NOT NULL
);

-- A follow-up visit (回访) after a low rating: someone goes back and listens.
CREATE TABLE request_followups (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  assignee_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  done_at INTEGER,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_followups_open ON request_followups(assignee_id, done_at);
