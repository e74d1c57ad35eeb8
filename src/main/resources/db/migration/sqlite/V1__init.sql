-- vastbot store, version 1 (SQLite).
-- Times are INTEGER milliseconds since the epoch (UTC).
-- Keep in step with ../postgresql/V1__init.sql.
-- No transaction control here: the migrator runs this file inside its own transaction.

-- Our view of every instance we have ever seen in the provider's list.
CREATE TABLE instances (
  id         INTEGER PRIMARY KEY,          -- the provider's instance id
  label      TEXT,
  gpu_name   TEXT    NOT NULL,
  num_gpus   INTEGER NOT NULL,
  status     TEXT    NOT NULL,             -- Instance.displayStatus() when last seen
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  gone_at    INTEGER                       -- set once when it leaves the list; cleared on return
);

-- The operation journal: what was asked, by whom, and where it stands.
CREATE TABLE operations (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT    NOT NULL,
  requested_by TEXT    NOT NULL,
  target       TEXT,
  state        TEXT    NOT NULL,           -- an OperationState name
  detail       TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE INDEX operations_newest_first ON operations (created_at DESC, id DESC);

-- The audit log: append-only, enforced below.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT    NOT NULL,
  action  TEXT    NOT NULL,
  target  TEXT,
  outcome TEXT
);

CREATE INDEX audit_log_newest_first ON audit_log (at DESC, id DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
