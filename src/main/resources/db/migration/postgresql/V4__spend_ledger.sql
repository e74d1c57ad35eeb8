-- vastbot store, version 4 (PostgreSQL): the spend ledger and the cost warning.
-- Keep in step with ../sqlite/V4__spend_ledger.sql.

-- What each instance accrued on each day (YYYY-MM-DD in the ledger's time zone), USD; accruals add up.
CREATE TABLE spend_daily (
  day         TEXT    NOT NULL,
  instance_id BIGINT  NOT NULL,
  dollars     DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (day, instance_id)
);

-- Until when the ledger has accrued (one row, once the first accrual set it), so that a restart
-- neither counts a span twice nor loses it.
CREATE TABLE spend_mark (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  accrued_until BIGINT  NOT NULL
);

-- The days a cost warning went out (once per day).
CREATE TABLE cost_warnings (
  day       TEXT    PRIMARY KEY,
  warned_at BIGINT  NOT NULL
);
