-- Photos of a request (at most 6, checked and stripped of metadata before they
-- are stored), staff leave (nobody on leave is given new work), and the index
-- that lets open pages ask what changed since they last looked.
CREATE TABLE request_photos (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  content_type TEXT NOT NULL,       -- image/jpeg | image/png | image/webp
  bytes BLOB NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX request_photos_request ON request_photos(request_id, id);

CREATE TABLE staff_leave (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  starts_on TEXT NOT NULL,          -- YYYY-MM-DD, first day away
  ends_on TEXT NOT NULL,            -- YYYY-MM-DD, last day away
  note TEXT NOT NULL DEFAULT '',
  set_by INTEGER REFERENCES users(id),
  set_at INTEGER NOT NULL
);

CREATE INDEX requests_updated ON requests(updated_at);
