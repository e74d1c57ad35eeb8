package dev.vastbot.fleet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An instance's set-up in progress: a provision created it, or a restart started it, and its
 * workers and orchestrator are still being started. Until the set-up ends (or its deadline
 * passes) the health sweep does not judge the instance; people see it as {@code starting}.
 *
 * @param kind what set it up: {@link #PROVISION} or {@link #RESTART}
 * @param startedAt when the create or start was asked for
 */
public record OpenSetup(long instanceId, String kind, Instant startedAt) {
  public static final String PROVISION = "provision";
  public static final String RESTART = "restart";
  /** How a set-up the health sweep ended at its deadline ended. */
  public static final String OVERDUE = "overdue";

  public OpenSetup {
    requireNonNull(kind, "kind == null");
    requireNonNull(startedAt, "startedAt == null");
  }
}
