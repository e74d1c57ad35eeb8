-- vastbot store, version 2 (SQLite): SSH host-key pins, health streaks, background loop ticks.
-- Keep in step with ../postgresql/V2__remote_state.sql.

-- One trusted SSH host key per instance id, pinned on first connect.
CREATE TABLE host_key_pins (
  instance_id INTEGER PRIMARY KEY,
  public_key  TEXT    NOT NULL,            -- OpenSSH form: "<algorithm> <base64>"
  pinned_at   INTEGER NOT NULL
);

-- How many health checks in a row found an instance not healthy.
CREATE TABLE health_streaks (
  instance_id          INTEGER PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL,
  last_level           TEXT    NOT NULL,
  last_checked         INTEGER NOT NULL
);

-- The latest tick of each background loop.
CREATE TABLE loop_ticks (
  loop_name   TEXT    PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  ok          INTEGER NOT NULL,            -- 1 when the tick completed, 0 when it failed
  outcome     TEXT    NOT NULL
);
