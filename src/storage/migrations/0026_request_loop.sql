-- The request loop speaks (issue 14): new work shows as unread until its
-- handler marks it received (签收, received_at); whoever waits is told of
-- each step. Templates by code and locale; the caller.* ones go by SMS to a
-- hotline caller, who has no account and so no link.
ALTER TABLE requests ADD COLUMN received_at INTEGER;
CREATE INDEX requests_unreceived ON requests(assignee_id) WHERE status = 'assigned' AND received_at IS NULL;

UPDATE notification_templates
   SET body = '您有一条新诉求：{{category}}，{{address}}。请签收，并在 {{due}} 前办结。'
 WHERE code = 'requests.assigned' AND locale = 'zh-CN';
UPDATE notification_templates
   SET body = 'A new request for you: {{category}}, {{address}}. Please mark it received, and resolve it by {{due}}.'
 WHERE code = 'requests.assigned' AND locale = 'en';

INSERT INTO notification_templates (code, locale, subject, body) VALUES
  ('requests.declined', 'zh-CN', '诉求 {{number}} 被退回', '{{actor}} 退回了诉求 {{number}}（{{category}}）：{{reason}}'),
  ('requests.declined', 'en', 'Request {{number}} handed back', '{{actor}} handed request {{number}} ({{category}}) back: {{reason}}'),
  ('requests.received', 'zh-CN', '您的诉求 {{number}} 已受理', '{{handler}} 已签收您的诉求（{{category}}），将在 {{due}} 前办结。'),
  ('requests.received', 'en', 'Your request {{number}} was received', '{{handler}} has taken your request ({{category}}) and will resolve it by {{due}}.'),
  ('requests.resolved', 'zh-CN', '您的诉求 {{number}} 已办结', '处理结果：{{note}}。请确认并评价；如未解决，可在 {{reopen_days}} 天内重新提交。'),
  ('requests.resolved', 'en', 'Your request {{number}} was resolved', 'Outcome: {{note}}. Please confirm and rate it; if it is not solved, you may reopen it within {{reopen_days}} days.'),
  ('requests.closed', 'zh-CN', '您的诉求 {{number}} 已结案', '诉求 {{number}}（{{category}}）已结案。感谢您的反映。'),
  ('requests.closed', 'en', 'Your request {{number}} is closed', 'Request {{number}} ({{category}}) is closed. Thank you for reporting it.'),
  ('requests.reopened', 'zh-CN', '诉求 {{number}} 被重新提交', '居民重新提交了诉求 {{number}}（{{category}}）：{{reason}}'),
  ('requests.reopened', 'en', 'Request {{number}} reopened', 'The resident reopened request {{number}} ({{category}}): {{reason}}'),
  ('requests.rated_low', 'zh-CN', '诉求 {{number}} 评价较低', '居民对诉求 {{number}} 的评价为 {{rating}} 星：{{comment}}。已安排回访。'),
  ('requests.rated_low', 'en', 'Request {{number}} rated low', 'The resident rated request {{number}} {{rating}} stars: {{comment}}. A follow-up visit is planned.'),
  ('requests.caller.received', 'zh-CN', '诉求已受理', '【邻里】您反映的问题（{{number}}）已受理，将在 {{due}} 前办结。'),
  ('requests.caller.received', 'en', 'Request received', '[linli] Your report ({{number}}) was received and will be resolved by {{due}}.'),
  ('requests.caller.resolved', 'zh-CN', '诉求已办结', '【邻里】您反映的问题（{{number}}）已办结：{{note}}。如未解决，请回电说明。'),
  ('requests.caller.resolved', 'en', 'Request resolved', '[linli] Your report ({{number}}) was resolved: {{note}}. If it is not solved, please call us back.'),
  ('requests.caller.closed', 'zh-CN', '诉求已结案', '【邻里】您反映的问题（{{number}}）已结案，感谢您的反映。'),
  ('requests.caller.closed', 'en', 'Request closed', '[linli] Your report ({{number}}) is closed. Thank you.');
