package dev.vastbot.store;

import java.util.List;

/**
 * One schema change, kept as {@code V<version>__<description>.sql} in every dialect's migration
 * folder. Versions start at 1 and go up by one.
 */
record Migration(int version, String description) {

  /** Every migration this code knows, oldest first. Add new ones at the end; never edit one. */
  static final List<Migration> KNOWN = List.of(new Migration(1, "init"), new Migration(2, "remote_state"),
      new Migration(3, "approvals_terminations_syncs"), new Migration(4, "spend_ledger"),
      new Migration(5, "autoscaler"), new Migration(6, "replacements"), new Migration(7, "reservations"),
      new Migration(8, "slack_outbox"), new Migration(9, "instance_setups"),
      new Migration(10, "replacement_stages"), new Migration(11, "demand_readings"),
      new Migration(12, "approval_prices"), new Migration(13, "ledger"), new Migration(14, "warm_pool"));

  /** The newest schema version this code can work with. */
  static int latestVersion() {
    return KNOWN.get(KNOWN.size() - 1).version();
  }

  /** The file name, e.g. {@code V1__init.sql}. */
  String fileName() {
    return "V" + version + "__" + description + ".sql";
  }

  /** The classpath resource in a dialect's folder. */
  String resourceIn(SqlDialect dialect) {
    return dialect.migrationFolder() + "/" + fileName();
  }
}
