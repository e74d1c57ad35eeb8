-- vastbot store, version 9 (PostgreSQL): set-ups in progress, so that the health sweep does not judge an
-- instance whose workers and orchestrator are still being started, in any process that reads the
-- store. Keep in step with ../sqlite/V9__instance_setups.sql.

-- One row per instance: its latest set-up (a provision's create, a restart's start) and, once it
-- ended, when and how. A later set-up of the same instance takes the place of the earlier.
CREATE TABLE instance_setups (
  instance_id BIGINT  PRIMARY KEY,
  kind        TEXT    NOT NULL,            -- what set it up: 'provision', 'restart'
  started_at  BIGINT  NOT NULL,
  ended_at    BIGINT,                      -- NULL while the set-up is in progress
  outcome     TEXT                         -- how it ended: 'done', 'not running', 'overdue', ...
);

CREATE INDEX instance_setups_in_progress ON instance_setups (ended_at);
