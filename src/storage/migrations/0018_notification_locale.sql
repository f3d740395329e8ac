-- Messages to a user are written in their language.
ALTER TABLE notification_prefs ADD COLUMN locale TEXT NOT NULL DEFAULT 'zh-CN';
