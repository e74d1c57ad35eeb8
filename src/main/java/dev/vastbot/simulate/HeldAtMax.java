package dev.vastbot.simulate;

import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupPolicy;

/**
 * The floor: the group's maximum rented from the first minute and held (vastbot's own policy with
 * {@code min_instances} raised to {@code max_instances}, so it never scales). No policy under the
 * same maximum has the queue above its target fewer hours, so a policy's queue hours above this
 * row's are what its scaling costs in waiting; its cost is what holding the maximum costs.
 */
final class HeldAtMax {
  static final String NAME = "held at max";

  private HeldAtMax() {}

  /** The run of {@code setup}'s group held at its maximum; its row is named {@link #NAME}. */
  static PolicyOutcome run(SimulationSetup setup) {
    var held = atMaximum(setup.group());
    var policy = setup.policy();
    var heldPolicy =
        new AutoscalerPolicy(
            policy.zone(), policy.tickInterval(), policy.totalBudget(), java.util.List.of(held),
            policy.reaction());
    var heldSetup =
        new SimulationSetup(
            heldPolicy,
            held,
            setup.trace(),
            setup.market(),
            setup.boot(),
            setup.idleShare(),
            setup.oldRulesScaleDown(),
            setup.targetBacklogHours(),
            setup.seed(),
            setup.restarts());
    var vastbot = VastbotPolicy.of(heldSetup);
    return new Simulator(heldSetup).run(named(vastbot));
  }

  /** {@code group} with its minimum raised to its maximum. */
  static GroupPolicy atMaximum(GroupPolicy group) {
    return new GroupPolicy(
        group.name(),
        group.maxInstances(),
        group.maxInstances(),
        group.demand(),
        group.throughput(),
        group.hysteresis(),
        group.pacing(),
        group.offers(),
        group.budget(),
        group.windows(),
        group.unattendedScaleDown(),
        group.warmPool());
  }

  private static SimulatedPolicy named(SimulatedPolicy policy) {
    return new SimulatedPolicy() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public FleetActions decide(TickView view) {
        return policy.decide(view);
      }
    };
  }
}
