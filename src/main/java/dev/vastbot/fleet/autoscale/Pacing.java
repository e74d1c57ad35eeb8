package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How fast a group may change.
 *
 * @param scaleUpCooldown no scale-up this soon after the last one
 * @param scaleDownCooldown no scale-down this soon after the last one
 * @param maxCreatesPerTick most instances created by one decision
 * @param maxTerminationsPerTick most instances terminated by one decision
 * @param idleWindow how long an instance's GPUs must stay idle before it may be scaled down
 * @param unhealthyChecksBeforeReplace failed health checks in a row after which it is replaced
 * @param replacementHealthWindow how long a replacement has to pass a health check before it is
 *     let go (and its old instance replaced again)
 * @param maxConcurrentReplacements how many instances the group may hold above its maximum for
 *     replacements (old and new both count until the old one is gone); also the most replacements
 *     one decision starts
 */
public record Pacing(
    Duration scaleUpCooldown,
    Duration scaleDownCooldown,
    int maxCreatesPerTick,
    int maxTerminationsPerTick,
    Duration idleWindow,
    int unhealthyChecksBeforeReplace,
    Duration replacementHealthWindow,
    int maxConcurrentReplacements) {

  /** The default window for a replacement to pass a health check. */
  public static final Duration DEFAULT_REPLACEMENT_HEALTH_WINDOW = Duration.ofMinutes(30);
  /** The default number of instances a group may hold above its maximum for replacements. */
  public static final int DEFAULT_MAX_CONCURRENT_REPLACEMENTS = 1;

  /** With the default number of concurrent replacements. */
  public Pacing(
      Duration scaleUpCooldown,
      Duration scaleDownCooldown,
      int maxCreatesPerTick,
      int maxTerminationsPerTick,
      Duration idleWindow,
      int unhealthyChecksBeforeReplace,
      Duration replacementHealthWindow) {
    this(scaleUpCooldown, scaleDownCooldown, maxCreatesPerTick, maxTerminationsPerTick, idleWindow,
        unhealthyChecksBeforeReplace, replacementHealthWindow, DEFAULT_MAX_CONCURRENT_REPLACEMENTS);
  }

  /** With the default replacement window. */
  public Pacing(
      Duration scaleUpCooldown,
      Duration scaleDownCooldown,
      int maxCreatesPerTick,
      int maxTerminationsPerTick,
      Duration idleWindow,
      int unhealthyChecksBeforeReplace) {
    this(scaleUpCooldown, scaleDownCooldown, maxCreatesPerTick, maxTerminationsPerTick, idleWindow,
        unhealthyChecksBeforeReplace, DEFAULT_REPLACEMENT_HEALTH_WINDOW);
  }

  public Pacing {
    requireNonNull(scaleUpCooldown, "scaleUpCooldown == null");
    requireNonNull(scaleDownCooldown, "scaleDownCooldown == null");
    requireNonNull(idleWindow, "idleWindow == null");
    requireNonNull(replacementHealthWindow, "replacementHealthWindow == null");
    if (replacementHealthWindow.isNegative() || replacementHealthWindow.isZero()) {
      throw new IllegalArgumentException("replacementHealthWindow must be positive");
    }
    if (maxCreatesPerTick < 0 || maxTerminationsPerTick < 0) {
      throw new IllegalArgumentException("per-tick limits < 0");
    }
    if (maxConcurrentReplacements < 0) {
      throw new IllegalArgumentException("maxConcurrentReplacements < 0: " + maxConcurrentReplacements);
    }
    if (unhealthyChecksBeforeReplace < 1) {
      throw new IllegalArgumentException(
          "unhealthyChecksBeforeReplace < 1: " + unhealthyChecksBeforeReplace);
    }
  }
}
