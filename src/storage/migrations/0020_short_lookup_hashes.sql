-- Look-up hashes of ID numbers and phones are now the first 96 bits (24 hex
-- characters) of the keyed hash: a smaller unique index on every resident
-- write. Truncating the stored ones keeps every look-up working.
UPDATE residents SET id_hash = substr(id_hash, 1, 24),
  phone_hash = substr(phone_hash, 1, 24);
UPDATE households SET phone_hash = substr(phone_hash, 1, 24);
