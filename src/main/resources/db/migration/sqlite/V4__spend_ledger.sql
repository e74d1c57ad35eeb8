-- vastbot store, version 4 (SQLite): the spend ledger and the cost warning.
-- Keep in step with ../postgresql/V4__spend_ledger.sql.

-- What each instance accrued on each day (YYYY-MM-DD in the ledger's time zone), USD; accruals add up.
CREATE TABLE spend_daily (
  day         TEXT    NOT NULL,
  instance_id INTEGER NOT NULL,
  dollars     REAL    NOT NULL,
  PRIMARY KEY (day, instance_id)
);

-- Until when the ledger has accrued (one row, once the first accrual set it), so that a restart
-- neither counts a span twice nor loses it.
CREATE TABLE spend_mark (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  accrued_until INTEGER NOT NULL
);

-- The days a cost warning went out (once per day).
CREATE TABLE cost_warnings (
  day       TEXT    PRIMARY KEY,
  warned_at INTEGER NOT NULL
);
