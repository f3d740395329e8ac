-- Durable jobs. (kind, job_key, due_at) is unique, so a job is scheduled once
-- per due time however often it is asked for. run_after moves with retries;
-- due_at never does. lease_until lets another node take over a job whose
-- runner died.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  job_key TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  run_after INTEGER NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  locked_by TEXT,
  lease_until INTEGER,
  finished_at INTEGER,
  UNIQUE (kind, job_key, due_at)
);
CREATE INDEX jobs_ready ON jobs(state, run_after);
