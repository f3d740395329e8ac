-- Admin-defined reminder rules (no code change needed): a condition (one of
-- the author's saved smart reports, or birthdays turning given ages, e.g. 80,
-- 90 and 100 for the longevity allowance), a schedule, a text and who hears
-- it. Each rule runs once per period (day, ISO week or month).
CREATE TABLE reminder_rules (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES streets(id),
  community_id INTEGER,
  grid_id INTEGER,
  name TEXT NOT NULL,
  condition TEXT NOT NULL,          -- report | birthday
  report_id INTEGER,
  ages TEXT NOT NULL DEFAULT '',    -- "80,90,100" for birthday
  schedule TEXT NOT NULL,           -- daily | weekly | monthly
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  recipients TEXT NOT NULL,         -- author (a digest to whoever made it) | residents (a notice)
  active INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE reminder_rule_runs (
  rule_id INTEGER NOT NULL REFERENCES reminder_rules(id),
  period TEXT NOT NULL,             -- 2026-11-23 | 2026-W48 | 2026-11
  matched INTEGER NOT NULL,
  notice_id INTEGER,
  ran_at INTEGER NOT NULL,
  PRIMARY KEY (rule_id, period)
);

INSERT INTO notification_templates (code, locale, subject, body) VALUES
  ('rules.digest', 'zh-CN', '{{subject}}（{{count}} 人）', '{{body}}\n{{names}}'),
  ('rules.digest', 'en', '{{subject}} ({{count}})', '{{body}}\n{{names}}');
