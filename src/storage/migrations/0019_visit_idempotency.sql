-- A visit saved again after a lost answer is the same visit (and its concern the same request).
ALTER TABLE visits ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX visits_idempotency ON visits(visitor_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
