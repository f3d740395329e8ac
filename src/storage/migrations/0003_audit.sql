-- Append-only: who did what to which record, when, with what outcome.
-- The actor's place path is copied in so scope filters need no joins.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor_username TEXT,
  street_id INTEGER,
  community_id INTEGER,
  grid_id INTEGER,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  ip TEXT,
  request_id TEXT
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_actor ON audit_log(actor_username, at);
CREATE INDEX audit_community ON audit_log(community_id, at);
