-- vastbot store, version 6 (SQLite): replacements under way, so that a restart or another
-- replica knows which new instance stands in for which old one. Keep in step with
-- ../postgresql/V6__replacements.sql.

-- new_id was rented to replace old_id; old_id is let go (terminated safely) once new_id passes a
-- health check. One row per old instance; the row goes when either is let go.
CREATE TABLE autoscale_replacements (
  old_id     INTEGER PRIMARY KEY,
  new_id     INTEGER NOT NULL,
  group_name TEXT    NOT NULL,
  since      INTEGER NOT NULL
);
