-- Places administration: a street, community or grid is retired, never
-- deleted (users, requests and history still name it); a grid has one worker
-- (网格员, a grid_worker user scoped to it). Moving a building to another grid
-- keeps a row per move (when, who, from, to; its households and residents
-- follow it).
ALTER TABLE streets ADD COLUMN retired_at INTEGER;
ALTER TABLE communities ADD COLUMN retired_at INTEGER;
ALTER TABLE grids ADD COLUMN retired_at INTEGER;
ALTER TABLE grids ADD COLUMN worker_id INTEGER REFERENCES users(id);

CREATE TABLE building_moves (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  at INTEGER NOT NULL,
  actor_id INTEGER,
  from_grid_id INTEGER NOT NULL REFERENCES grids(id),
  to_grid_id INTEGER NOT NULL REFERENCES grids(id),
  households INTEGER NOT NULL,
  residents INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX building_moves_building ON building_moves(building_id, id);
