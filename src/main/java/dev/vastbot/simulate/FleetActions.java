package dev.vastbot.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.Throughput;
import java.time.Duration;
import java.util.List;

/**
 * What a simulated policy does on a tick.
 *
 * @param needsApproval the policy wanted to rent but asked a person; nobody approves here
 * @param restart stopped instances restarted, each producing games after {@code restartDelay}
 */
record FleetActions(
    List<Offer> rent,
    List<Long> terminate,
    List<Long> stop,
    boolean needsApproval,
    List<Long> restart,
    Duration restartDelay) {

  FleetActions {
    rent = List.copyOf(rent);
    terminate = List.copyOf(terminate);
    stop = List.copyOf(stop);
    restart = List.copyOf(restart);
  }

  /** No restarts. */
  FleetActions(List<Offer> rent, List<Long> terminate, List<Long> stop, boolean needsApproval) {
    this(rent, terminate, stop, needsApproval, List.of(), Duration.ZERO);
  }

  static FleetActions none() {
    return new FleetActions(List.of(), List.of(), List.of(), false);
  }

  static FleetActions rent(List<Offer> offers) {
    return new FleetActions(offers, List.of(), List.of(), false);
  }

  static FleetActions approvalAsked() {
    return new FleetActions(List.of(), List.of(), List.of(), true);
  }

  FleetState applyTo(FleetState fleet, Duration boot, Throughput throughput) {
    return fleet
        .terminate(terminate)
        .stop(stop)
        .restart(restart, restartDelay)
        .rent(rent, boot, throughput);
  }
}
