-- A request reported again (the same category at the same building, or within
-- about a hundred metres, within a few days) can be linked to the first one;
-- linked duplicates are resolved and closed together with it.
ALTER TABLE requests ADD COLUMN duplicate_of INTEGER REFERENCES requests(id);
CREATE INDEX requests_duplicate_of ON requests(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX requests_category_recent ON requests(category_code, created_at);
