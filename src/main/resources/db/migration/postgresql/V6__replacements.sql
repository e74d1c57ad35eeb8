-- vastbot store, version 6 (PostgreSQL): replacements under way, so that a restart or another
-- replica knows which new instance stands in for which old one. Keep in step with
-- ../sqlite/V6__replacements.sql.

-- new_id was rented to replace old_id; old_id is let go (terminated safely) once new_id passes a
-- health check. One row per old instance; the row goes when either is let go.
CREATE TABLE autoscale_replacements (
  old_id     BIGINT PRIMARY KEY,
  new_id     BIGINT NOT NULL,
  group_name TEXT    NOT NULL,
  since      BIGINT NOT NULL
);
