-- vastbot store, version 3 (SQLite): approval requests, terminations, the last sync of each
-- instance, and since when each instance's GPUs have been idle.
-- Keep in step with ../postgresql/V3__approvals_terminations_syncs.sql.

-- A costly action waiting for a person; its id is the operation it gates.
CREATE TABLE approvals (
  operation_id INTEGER PRIMARY KEY REFERENCES operations (id),
  action       TEXT    NOT NULL,
  target       TEXT    NOT NULL,
  requested_by TEXT    NOT NULL,
  summary      TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  decision     TEXT,                       -- APPROVED, DENIED, EXPIRED; NULL while pending
  decided_by   TEXT,
  decided_at   INTEGER,
  prompt_channel TEXT,                     -- where its Slack prompt was posted, once it was
  prompt_ts      TEXT
);

-- What a termination operation is about.
CREATE TABLE terminations (
  operation_id       INTEGER PRIMARY KEY REFERENCES operations (id),
  instance_id        INTEGER NOT NULL,
  force_without_sync INTEGER NOT NULL       -- 1: destroy without copying the data (an approver said so)
);

-- The latest sync of each instance.
CREATE TABLE sync_records (
  instance_id INTEGER PRIMARY KEY,
  synced_at   INTEGER NOT NULL,
  files       INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  verified    INTEGER NOT NULL,            -- 1 when every file was verified
  detail      TEXT    NOT NULL
);

-- Since when an instance's GPUs have stayed under the idle threshold (no row: busy, or unknown).
CREATE TABLE gpu_idle (
  instance_id INTEGER PRIMARY KEY,
  idle_since  INTEGER NOT NULL
);

-- One Slack thread per open incident (an instance and a kind of alert); its updates go in the thread.
CREATE TABLE alert_threads (
  incident    TEXT PRIMARY KEY,
  channel     TEXT NOT NULL,
  ts          TEXT NOT NULL,             -- the parent message
  opened_at   INTEGER NOT NULL,
  resolved_at INTEGER                        -- NULL while open
);

-- What a provision waiting for approval would rent (it passes scaling.max_instances).
CREATE TABLE provision_orders (
  operation_id INTEGER PRIMARY KEY REFERENCES operations (id),
  gpu_name     TEXT    NOT NULL,
  count        INTEGER NOT NULL,
  max_dph      REAL             -- NULL: the configured ceiling
);
