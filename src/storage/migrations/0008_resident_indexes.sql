-- Name search matches any part of a name (LIKE '%...%'), which no index
-- serves, and ages are answered by the report index in memory: these two
-- indexes only slowed every write (a million-row import by about a fifth).
DROP INDEX residents_name;
DROP INDEX residents_birth;
