-- Look-up hashes of ID numbers and phones are now the first 128 bits (32 hex
-- characters) of the keyed hash: a smaller unique index on every resident
-- write. Truncating the stored ones keeps every look-up working.
UPDATE residents SET id_hash = substr(id_hash, 1, 32),
  phone_hash = substr(phone_hash, 1, 32);
UPDATE households SET phone_hash = substr(phone_hash, 1, 32);
