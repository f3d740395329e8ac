-- Reminders before an asset's inspection is due (电梯年检提醒): the daily scan
-- writes one reminder per asset and due date (and one more when it is
-- overdue); the grid worker confirms, which tells the building's residents.
CREATE TABLE reminder_settings (
  street_id INTEGER PRIMARY KEY REFERENCES streets(id),
  asset_lead_days INTEGER NOT NULL DEFAULT 30
);

CREATE TABLE asset_reminders (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id),
  due_on TEXT NOT NULL,             -- the inspection date reminded of
  kind TEXT NOT NULL,               -- due_soon | overdue
  street_id INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  grid_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  confirmed_by INTEGER REFERENCES users(id),
  notice_id INTEGER REFERENCES notices(id),
  UNIQUE (asset_id, due_on, kind)
);
CREATE INDEX asset_reminders_grid ON asset_reminders(grid_id, id);
CREATE INDEX asset_reminders_community ON asset_reminders(community_id, id);

INSERT INTO notification_templates (code, locale, subject, body) VALUES
  ('assets.due_soon', 'zh-CN', '{{count}} 项设施即将到期检验', '您的网格有 {{count}} 项设施将在 {{days}} 天内到期检验，最早：{{first}}（{{due}}）。请确认后通知楼内居民。'),
  ('assets.due_soon', 'en', '{{count}} inspections due soon', '{{count}} assets in your grid are due for inspection within {{days}} days; the first: {{first}} ({{due}}). Confirm to tell the residents of the building.'),
  ('assets.overdue', 'zh-CN', '{{count}} 项设施检验已逾期', '社区有 {{count}} 项设施检验已逾期，最早：{{first}}（{{due}}）。'),
  ('assets.overdue', 'en', '{{count}} inspections overdue', '{{count}} assets in the community are overdue for inspection; the first: {{first}} ({{due}}).');
