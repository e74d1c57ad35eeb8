-- vastbot store, version 12 (PostgreSQL): what an autoscaler's provision request was priced at
-- when asked, so that its approval re-prices against it and a need priced otherwise is not folded
-- into it. Keep in step with ../sqlite/V12__approval_prices.sql.

-- One row per provision request that the autoscaler asked (a person's provision has none).
CREATE TABLE provision_prices (
  operation_id         BIGINT PRIMARY KEY REFERENCES operations (id),
  count                INTEGER NOT NULL,
  usd_per_hour         DOUBLE PRECISION NOT NULL,   -- the offers' total price per hour
  forecast_usd_per_day DOUBLE PRECISION NOT NULL    -- all groups' spending per day with them rented
);
