-- vastbot store, version 11 (SQLite): each autoscaler group's recent demand readings, so that
-- a poll in any process (the bot's loop, or `autoscaler --check` from cron every minute) sees how
-- the queue moved since the last one. Pruned as readings are added (an hour is kept).
-- Keep in step with ../postgresql/V11__demand_readings.sql.

CREATE TABLE demand_readings (
  group_name   TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  queued_games REAL NOT NULL,
  PRIMARY KEY (group_name, at)
);
