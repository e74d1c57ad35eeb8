package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How fast the autoscaler reacts between its full ticks: the demand signal is read every {@code
 * demandPoll} (one cheap read per group: no offer search, no SSH) and {@link DemandTrigger} decides
 * whether the group's decision runs at once.
 *
 * @param demandPoll how often the demand is read between ticks; {@link Duration#ZERO} turns the
 *     polling off (every run of the autoscaler is then a full tick)
 * @param bootEstimate how long a fresh instance takes from the rent to its first game: the
 *     horizon over which queue growth is projected
 */
public record Reaction(Duration demandPoll, Duration bootEstimate) {
  /** How long the readings are kept: the look-back of growth and the crossing, with room to spare. */
  public static final Duration KEEP_READINGS = Duration.ofHours(1);

  /** Read every minute; a boot of five minutes (Vast: "typically 1-5 minutes"). */
  public static final Reaction DEFAULT = new Reaction(Duration.ofSeconds(60), Duration.ofMinutes(5));

  public Reaction {
    requireNonNull(demandPoll, "demandPoll == null");
    requireNonNull(bootEstimate, "bootEstimate == null");
    if (demandPoll.isNegative()) {
      throw new IllegalArgumentException("demandPoll < 0: " + demandPoll);
    }
    if (bootEstimate.isNegative() || bootEstimate.compareTo(KEEP_READINGS) > 0) {
      throw new IllegalArgumentException("bootEstimate must be from 0 to " + KEEP_READINGS + ": " + bootEstimate);
    }
  }

  /** Whether the demand is polled between ticks. */
  public boolean polls() {
    return !demandPoll.isZero();
  }
}
