-- API tokens: when and why a token was revoked (by an admin, or because its user was
-- disabled or had their password reset); listed per user.
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_reason TEXT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Failed logins per key: "pair:<username>|<address>" (one client address on one account) and
-- "account:<username>" (the account from anywhere). A key is forgotten after a quiet window.
DROP TABLE login_throttle;
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
);
