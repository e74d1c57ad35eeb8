package dev.vastbot.simulate;

import java.time.Duration;
import java.util.Optional;

/**
 * Replays the trace against one policy, minute by minute on a simulated clock (no sleeping): the
 * policy decides every tick and may react to the demand it reads every poll between ticks, {@link MinuteStep} moves the fleet and the queue, the ledger books
 * the cost. Every policy starts with the group's minimum already running on the best
 * games-per-dollar offers, and an empty queue.
 */
final class Simulator {
  private final SimulationSetup setup;

  Simulator(SimulationSetup setup) {
    this.setup = setup;
  }

  PolicyOutcome run(SimulatedPolicy policy) {
    var trace = setup.trace();
    var arrivals = trace.gamesPerMinute();
    var tickMinutes = Math.max(1, setup.policy().tickInterval().toMinutes());
    var throughput = setup.group().throughput();
    var ledger = new SimulatedSpend(setup.policy().zone());
    var fleet = initialFleet();
    var stats = new TickStats();
    var instanceMinutes = 0L;
    var aboveTargetMinutes = 0L;
    var atMaximumMinutes = 0L;
    var approvalsAsked = 0;
    var pollMinutes = pollMinutes();
    for (int minute = 0; minute < arrivals.length; minute++) {
      var tick = minute % tickMinutes == 0;
      if (tick || (pollMinutes > 0 && minute % pollMinutes == 0)) {
        var view =
            new TickView(
                fleet,
                setup.market().listedAt(minute / 60, fleet.rentedOfferIds()),
                ledger.at(fleet.now(), ratePerHour(fleet)),
                stats.utilization(),
                stats.idle(setup.idleShare()));
        var actions = tick ? policy.decide(view) : policy.react(view);
        if (actions.needsApproval()) {
          approvalsAsked++;
        }
        fleet = actions.applyTo(fleet, setup.boot(), throughput);
        if (tick) {
          stats = new TickStats();
        }
      }
      var step = MinuteStep.advance(fleet, arrivals[minute], setup.idleShare());
      ledger.add(fleet.now(), step.cost());
      stats.add(step, fleet);
      instanceMinutes += step.activeInstances();
      if (step.activeInstances() >= setup.group().maxInstances()) {
        atMaximumMinutes++;
      }
      if (aboveTarget(step.next().queue(), fleet.capacity())) {
        aboveTargetMinutes++;
      }
      fleet = step.next();
    }
    return new PolicyOutcome(
        policy.name(),
        ledger.total(),
        instanceMinutes / 60.0,
        aboveTargetMinutes / 60.0,
        Optional.of(ledger.violations(setup.caps())),
        fleet.queue(),
        approvalsAsked,
        atMaximumMinutes / 60.0);
  }

  /** Minutes between demand polls (the policy's interval, at least a minute); 0 when it polls not. */
  private long pollMinutes() {
    var reaction = setup.policy().reaction();
    return reaction.polls() ? Math.max(1, (reaction.demandPoll().toSeconds() + 59) / 60) : 0;
  }

  private FleetState initialFleet() {
    var start = setup.trace().start();
    var eligible = new EligibleOffers(setup.group());
    var offers =
        eligible.best(setup.market().all(), 0, setup.group().minInstances()).stream()
            .map(offer -> offer.offerAt(0))
            .toList();
    var rented = FleetState.empty(start).rent(offers, Duration.ZERO, setup.group().throughput());
    return new FleetState(
        start, 0, rented.instances(), Optional.empty(), Optional.empty(), rented.nextInstanceId());
  }

  /** Running instances at their total price, the others (booting, stopped) at storage only. */
  private static double ratePerHour(FleetState fleet) {
    return fleet.instances().stream()
        .mapToDouble(
            instance ->
                instance.runningAt(fleet.now()) ? instance.dphTotal() : instance.storageDph())
        .sum();
  }

  private boolean aboveTarget(double queue, double capacity) {
    if (queue <= 0) {
      return false;
    }
    return capacity <= 0 || queue / capacity > setup.targetBacklogHours();
  }
}
