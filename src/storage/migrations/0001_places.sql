-- The place hierarchy that data scopes refer to: street → community → grid.
-- code: 12-digit statistical area code (GB/T 2260 county + street + community).
CREATE TABLE streets (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES streets(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE INDEX communities_street ON communities(street_id);
CREATE TABLE grids (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE INDEX grids_community ON grids(community_id);
