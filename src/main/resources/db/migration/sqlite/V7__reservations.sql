-- vastbot store, version 7 (SQLite): reservations, so that instance caps and budgets hold under any
-- concurrency (reserve, then rent). Keep in step with ../postgresql/V7__reservations.sql.
-- Every reserver serialises on the database's write lock, which BEGIN IMMEDIATE takes; PostgreSQL
-- has a lock row for it instead (reservation_lock), which SQLite does not need.

-- What each tracked instance costs per hour, or will once it runs (USD): counted against budgets.
ALTER TABLE instances ADD COLUMN rate_per_hour REAL NOT NULL DEFAULT 0;
-- The reservation whose slot the instance took, once it took one (never a second).
ALTER TABLE instances ADD COLUMN reservation_id INTEGER;
-- An instance a rent created that no list has shown yet: a list taken before its create cannot
-- mark it gone before this time (the reservation's lease). NULL once a list showed it.
ALTER TABLE instances ADD COLUMN unlisted_until INTEGER;

-- Instance slots and spend held for a rent that has not created them yet. A row lapses at
-- expires_at unless its rent renews it (every instance created does).
CREATE TABLE reservations (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  kind          TEXT    NOT NULL,            -- what reserves: 'provision'
  operation_id  INTEGER NOT NULL,            -- the operation renting
  group_name    TEXT,                        -- its autoscaler group; NULL for a person's provision
  slots         INTEGER NOT NULL CHECK (slots >= 0),
  rate_per_hour REAL    NOT NULL CHECK (rate_per_hour >= 0),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);

CREATE INDEX reservations_by_expiry ON reservations (expires_at);
