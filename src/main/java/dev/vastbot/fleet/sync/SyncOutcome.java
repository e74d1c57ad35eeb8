package dev.vastbot.fleet.sync;

import java.util.Objects;

/**
 * One pull and what it counts as: {@code report} is what the transfer did, {@code verdict}
 * whether the data is home ({@link CopyVerdict#judge}). Immutable.
 */
public record SyncOutcome(SyncReport report, CopyVerdict verdict) {
  public SyncOutcome {
    Objects.requireNonNull(report, "report == null");
    Objects.requireNonNull(verdict, "verdict == null");
  }

  /** Whether the data is home: the verdict's, the one rule. */
  public boolean verified() {
    return verdict.verified();
  }
}
