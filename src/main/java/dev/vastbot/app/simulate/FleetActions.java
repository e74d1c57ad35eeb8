package dev.vastbot.app.simulate;

import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.autoscale.Throughput;
import java.time.Duration;
import java.util.List;

/**
 * What a simulated policy does on a tick.
 *
 * @param needsApproval the policy wanted to rent but asked a person; nobody approves here
 */
record FleetActions(
    List<Offer> rent, List<Long> terminate, List<Long> stop, boolean needsApproval) {

  FleetActions {
    rent = List.copyOf(rent);
    terminate = List.copyOf(terminate);
    stop = List.copyOf(stop);
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
    return fleet.terminate(terminate).stop(stop).rent(rent, boot, throughput);
  }
}
