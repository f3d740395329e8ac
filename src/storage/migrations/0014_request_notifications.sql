-- The handler hears of a deadline coming and of an escalation (吹哨).
INSERT INTO notification_templates (code, locale, subject, body) VALUES
  ('requests.warn', 'zh-CN', '诉求 {{number}} 即将超时', '诉求 {{number}}（{{category}}）须在 {{due}} 前办结。'),
  ('requests.warn', 'en', 'Request {{number}} is due soon', 'Request {{number}} ({{category}}) must be resolved by {{due}}.');
