package dev.vastbot.simulate;

import java.time.Instant;
import java.util.Optional;

/**
 * One instance a simulated policy rented. Its prices are fixed when it is rented: on Vast a host's
 * price increase reaches a running contract only when the renter accepts it (VAST_API §4,
 * price-increase flow), so the walk moves only what new rentals pay.
 *
 * @param gpuDph GPU $/h, billed once running
 * @param storageDph storage $/h, billed from the rent on, also while booting and stopped
 * @param runningAt when it finished booting and started producing games
 * @param idleSince since when it produced (almost) nothing; empty while busy or booting
 * @param stoppedSince when it was stopped (the old rules' scale-down, or vastbot's warm pool): no
 *     games, storage still billed; empty while booting or running
 */
record RentedInstance(
    long id,
    long offerId,
    String gpuName,
    int numGpus,
    double gamesPerHour,
    double gpuDph,
    double storageDph,
    Instant rentedAt,
    Instant runningAt,
    Optional<Instant> idleSince,
    Optional<Instant> stoppedSince) {

  boolean stopped() {
    return stoppedSince.isPresent();
  }

  boolean runningAt(Instant now) {
    return !stopped() && !now.isBefore(runningAt);
  }

  boolean booting(Instant now) {
    return !stopped() && now.isBefore(runningAt);
  }

  double dphTotal() {
    return gpuDph + storageDph;
  }

  /** What one minute from {@code now} costs. */
  double costOfMinuteAt(Instant now) {
    return (storageDph + (runningAt(now) ? gpuDph : 0)) / 60.0;
  }

  RentedInstance withIdleSince(Optional<Instant> since) {
    return new RentedInstance(
        id, offerId, gpuName, numGpus, gamesPerHour, gpuDph, storageDph, rentedAt, runningAt,
        since, stoppedSince);
  }

  /** Stopped at {@code now}; a stopped instance stays stopped from its first stop. */
  RentedInstance asStopped(Instant now) {
    return new RentedInstance(
        id, offerId, gpuName, numGpus, gamesPerHour, gpuDph, storageDph, rentedAt, runningAt,
        Optional.empty(), stoppedSince.or(() -> Optional.of(now)));
  }

  /** Restarted at {@code now}: it produces games again from {@code now + delay}, at its price. */
  RentedInstance restartedAt(Instant now, java.time.Duration delay) {
    return new RentedInstance(
        id, offerId, gpuName, numGpus, gamesPerHour, gpuDph, storageDph, rentedAt, now.plus(delay),
        Optional.empty(), Optional.empty());
  }
}
