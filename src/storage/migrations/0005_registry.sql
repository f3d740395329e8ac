-- Buildings, households, residents and assets of a community, by grid.
-- Personal data: ID numbers and phones are stored sealed (encrypted), with a
-- keyed hash for exact look-up and the last 4 characters for display.
-- Residents are never deleted: moves, moving out and deaths are history.
CREATE TABLE buildings (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES streets(id),
  community_id INTEGER NOT NULL REFERENCES communities(id),
  grid_id INTEGER NOT NULL REFERENCES grids(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  units INTEGER NOT NULL DEFAULT 1,
  floors INTEGER NOT NULL DEFAULT 1,
  elevators INTEGER NOT NULL DEFAULT 0,
  lat REAL,
  lng REAL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX buildings_grid ON buildings(grid_id);
CREATE INDEX buildings_community ON buildings(community_id);

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  street_id INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  grid_id INTEGER NOT NULL,
  unit TEXT NOT NULL,
  room TEXT NOT NULL,
  phone_sealed TEXT,
  phone_hash TEXT,
  phone_last4 TEXT,
  residence_type TEXT NOT NULL,   -- registered | actual
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (building_id, unit, room)
);
CREATE INDEX households_grid ON households(grid_id);

CREATE TABLE residents (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  street_id INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  grid_id INTEGER NOT NULL,
  building_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  id_hash TEXT NOT NULL UNIQUE,
  id_sealed TEXT NOT NULL,
  id_last4 TEXT NOT NULL,
  birth_date TEXT NOT NULL,        -- YYYY-MM-DD, derived from the ID number
  sex TEXT NOT NULL,               -- male | female
  ethnicity TEXT NOT NULL DEFAULT '',
  phone_sealed TEXT,
  phone_hash TEXT,
  phone_last4 TEXT,
  relation TEXT NOT NULL,          -- householder, spouse, child, parent, grandchild, other
  residence_status TEXT NOT NULL,  -- registered 户籍 | permanent 常住 | floating 流动 | nominal 空挂
  tags TEXT NOT NULL DEFAULT '',   -- comma-separated tag codes (resident_tags is the index)
  skills TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,            -- active | moved_out | deceased
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX residents_household ON residents(household_id);
CREATE INDEX residents_grid ON residents(grid_id, status);
CREATE INDEX residents_community ON residents(community_id, status);
CREATE INDEX residents_name ON residents(name);
CREATE INDEX residents_phone ON residents(phone_last4);
CREATE INDEX residents_birth ON residents(birth_date);

CREATE TABLE resident_tags (
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (resident_id, tag)
);
CREATE INDEX resident_tags_tag ON resident_tags(tag, resident_id);

-- Custom tags beside the built-in special groups; community_id NULL = street-wide.
CREATE TABLE tags (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  street_id INTEGER NOT NULL,
  community_id INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE resident_history (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  at INTEGER NOT NULL,
  effective_date TEXT NOT NULL,
  kind TEXT NOT NULL,              -- created | moved | moved_out | returned | deceased | updated
  detail TEXT NOT NULL,
  actor_id INTEGER
);
CREATE INDEX resident_history_resident ON resident_history(resident_id, id);

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  street_id INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  grid_id INTEGER NOT NULL,
  kind TEXT NOT NULL,              -- elevator | fire_equipment | other
  name TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  maintainer TEXT NOT NULL DEFAULT '',
  last_inspection TEXT,
  next_inspection TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX assets_building ON assets(building_id);
CREATE INDEX assets_next ON assets(next_inspection);
CREATE INDEX assets_grid ON assets(grid_id);
