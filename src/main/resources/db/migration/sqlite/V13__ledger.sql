-- vastbot store, version 13 (SQLite): the days Vast's charges were compared with the spend ledger,
-- so that whichever process lists the fleet first each day compares them, and no cron run or
-- replica asks Vast again that day. Keep in step with ../postgresql/V13__ledger.sql.

CREATE TABLE charge_checks (
  day        TEXT    PRIMARY KEY,          -- YYYY-MM-DD in the ledger's time zone
  checked_at INTEGER NOT NULL,
  outcome    TEXT    NOT NULL              -- one line: what was compared and how it came out
);
