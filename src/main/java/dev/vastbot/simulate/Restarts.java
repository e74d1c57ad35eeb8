package dev.vastbot.simulate;

import java.time.Duration;

/**
 * How the simulated market treats a stopped instance: restarting it takes {@code delay} (storage
 * billed, GPU not, as in a boot), and the longer it stayed stopped, the likelier another renter
 * took its GPU: with probability {@code 1 - exp(-hours stopped / takenAfterHours)}. Pure.
 *
 * @param delay from restart to producing games again; apart from a fresh rent's boot
 * @param takenAfterHours the e-folding time of the taken probability, hours, above 0
 */
record Restarts(Duration delay, double takenAfterHours) {
  static final Duration DEFAULT_DELAY = Duration.ofMinutes(1);
  static final double DEFAULT_TAKEN_AFTER_HOURS = 24;
  static final Restarts DEFAULT = new Restarts(DEFAULT_DELAY, DEFAULT_TAKEN_AFTER_HOURS);

  Restarts {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("restart delay < 0: " + delay);
    }
    if (!(takenAfterHours > 0) || Double.isInfinite(takenAfterHours)) {
      throw new IllegalArgumentException("takenAfterHours must be above 0: " + takenAfterHours);
    }
  }

  /** The chance that a member stopped for {@code stoppedFor} lost its GPU. */
  double takenProbability(Duration stoppedFor) {
    var hours = Math.max(0, stoppedFor.toMillis() / 3_600_000.0);
    return 1 - Math.exp(-hours / takenAfterHours);
  }
}
