-- vastbot store, version 10 (PostgreSQL): how far each replacement got, so that a let-go that
-- ended without destroying its instance is remembered by every later tick, cron run and restart.
-- Keep in step with ../sqlite/V10__replacement_stages.sql.

-- stage: trial (the new instance has not passed a health check yet), old_leaving (it passed; the
-- old one's termination termination_id was asked for) or new_leaving (it did not pass in time; its
-- own termination termination_id was asked for). The row stays until the instance let go is gone.
ALTER TABLE autoscale_replacements ADD COLUMN stage TEXT NOT NULL DEFAULT 'trial';
ALTER TABLE autoscale_replacements ADD COLUMN termination_id BIGINT;
