-- One notification service for every module (数字吹哨): each message is a row
-- of `messages`, the outbox. In-app messages are delivered when written; SMS
-- and email wait for the dispatcher, which sends them through the configured
-- gateway and SMTP server with retries, holding non-urgent ones through the
-- recipient's quiet hours. Mass notices (`notices`) write one message per
-- person and channel (dedupe_key), however many ways a person matched.

-- A resident's account, linked to the registry's resident (for notices).
ALTER TABLE users ADD COLUMN resident_id INTEGER REFERENCES residents(id);
CREATE INDEX users_resident ON users(resident_id) WHERE resident_id IS NOT NULL;

CREATE TABLE notification_prefs (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  sms INTEGER NOT NULL DEFAULT 0,
  email INTEGER NOT NULL DEFAULT 0,
  phone_sealed TEXT,
  phone_last4 TEXT,
  email_address TEXT NOT NULL DEFAULT '',
  quiet_start TEXT NOT NULL DEFAULT '22:00',  -- HH:MM, +08:00
  quiet_end TEXT NOT NULL DEFAULT '07:00'
);

-- Message texts per code and locale; {{name}} is replaced by a variable.
CREATE TABLE notification_templates (
  code TEXT NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (code, locale)
);
INSERT INTO notification_templates (code, locale, subject, body) VALUES
  ('requests.assigned', 'zh-CN', '新诉求 {{number}}', '您有一条新诉求：{{category}}，{{address}}。请在 {{due}} 前办结。'),
  ('requests.assigned', 'en', 'New request {{number}}', 'A new request for you: {{category}}, {{address}}. Resolve it by {{due}}.'),
  ('requests.escalated', 'zh-CN', '【{{color}}】诉求 {{number}} 已升级', '诉求 {{number}} 已超时，已启动{{color}}吹哨：{{called}}须在 {{report_in_due}} 前报到。'),
  ('requests.escalated', 'en', '[{{color}}] Request {{number}} escalated', 'Request {{number}} is overdue; {{called}} must report in by {{report_in_due}}.'),
  ('notice', 'zh-CN', '{{title}}', '【{{community}}】{{title}}：{{body}}'),
  ('notice', 'en', '{{title}}', '[{{community}}] {{title}}: {{body}}');

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  urgent INTEGER NOT NULL DEFAULT 0,
  audience TEXT NOT NULL,            -- JSON as sent
  street_id INTEGER NOT NULL,        -- the sender's place, for scopes
  community_id INTEGER,
  grid_id INTEGER,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  recipients INTEGER NOT NULL,       -- residents reached
  without_phone INTEGER NOT NULL
);
CREATE INDEX notices_place ON notices(street_id, community_id, grid_id);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,             -- in_app | sms | email
  user_id INTEGER,                   -- in-app recipient, or the staff member written to
  resident_id INTEGER,               -- a resident reached by a notice
  notice_id INTEGER,
  address_sealed TEXT,               -- phone or email, sealed; NULL for in-app
  address_masked TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,
  urgent INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,              -- queued | sending | sent | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,          -- when it may be sent (quiet hours, back-off)
  lease_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  read_at INTEGER,
  dedupe_key TEXT UNIQUE
);
CREATE INDEX messages_due ON messages(status, next_at);
CREATE INDEX messages_inbox ON messages(user_id, id) WHERE channel = 'in_app';
CREATE INDEX messages_notice ON messages(notice_id, status, read_at) WHERE notice_id IS NOT NULL;

-- Households a notice could not text: someone goes round instead.
CREATE TABLE notice_visits (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  PRIMARY KEY (notice_id, household_id)
);
