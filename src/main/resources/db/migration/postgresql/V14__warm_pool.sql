-- vastbot store, version 14 (PostgreSQL): autoscaler groups' warm pools of stopped instances,
-- and how a termination ends. Keep in step with ../sqlite/V14__warm_pool.sql.

-- How a termination ends: 'destroy' (copy, verify, destroy), 'park' (copy, verify, then stop the
-- instance into its group's warm pool) or 'retire' (destroy a pool member; its copy was verified
-- when it was parked, so it is not copied again).
ALTER TABLE terminations ADD COLUMN ending TEXT NOT NULL DEFAULT 'destroy';

-- One row per stopped instance kept in a group's warm pool; the row goes when it is restarted or
-- destroyed. copied_at is when its verified copy was made, before it was stopped.
CREATE TABLE warm_pool (
  instance_id   BIGINT PRIMARY KEY,
  group_name    TEXT    NOT NULL,
  stopped_since BIGINT NOT NULL,
  copied_at     BIGINT NOT NULL,
  disk_gb       DOUBLE PRECISION    NOT NULL,
  storage_dph   DOUBLE PRECISION    NOT NULL,
  running_dph   DOUBLE PRECISION    NOT NULL
);
