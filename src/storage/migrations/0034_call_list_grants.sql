-- The call list export (通讯录导出: names, phones in full, addresses) is held by
-- community admins; a street admin may also give it to a role of the street
-- (grid workers, for their grid). One row per (street, role) given.
CREATE TABLE call_list_grants (
  street_id INTEGER NOT NULL REFERENCES streets(id),
  role TEXT NOT NULL,
  granted_by INTEGER REFERENCES users(id),
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (street_id, role)
);
