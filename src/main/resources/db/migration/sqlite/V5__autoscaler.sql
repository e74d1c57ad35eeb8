-- vastbot store, version 5 (SQLite): the autoscaler's memory, so that a restart or another replica
-- keeps its groups and cooldowns. Keep in step with ../postgresql/V5__autoscaler.sql.

-- Which autoscaler group an instance belongs to: recorded when the autoscaler rents it, or when it
-- first sees an instance it did not rent (by GPU type). A destroyed instance keeps its row, so its
-- spend still counts towards its group's budget.
CREATE TABLE autoscale_members (
  instance_id INTEGER PRIMARY KEY,
  group_name  TEXT    NOT NULL,
  since       INTEGER NOT NULL
);

-- When each group last scaled up ('up') and down ('down'): the cooldowns start there.
CREATE TABLE autoscale_marks (
  group_name TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (group_name, kind)
);

-- The games each instance's probe counted in the last hour, as last measured: the throughput the
-- autoscaler expects of it (the group's table is used when there is none, or it is implausible).
CREATE TABLE games_rates (
  instance_id     INTEGER PRIMARY KEY,
  games_last_hour INTEGER NOT NULL,
  measured_at     INTEGER NOT NULL
);
