package dev.vastbot.app.simulate;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.ScalingDecider;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.autoscale.WarmPool;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * vastbot's configured policy: each tick the group is observed as the bot would see it and {@link
 * ScalingDecider} decides. Only this group is simulated, so its spend is also the all-groups
 * spend. Every instance answers its probe (none is unreachable, none needs replacing); a scale-down
 * gives the machine back at once (the real path syncs first, a few minutes more of billing), or
 * stops it into the group's warm pool ({@link SimulatedWarmPool}), whose members a scale-up
 * restarts first. Stopped members are not shown to the decision, as the bot counts only active
 * instances.
 */
final class VastbotPolicy implements SimulatedPolicy {
  private final AutoscalerPolicy policy;
  private final GroupPolicy group;
  private final SimulatedWarmPool pool;

  /** Without a warm pool: every scale-down gives the machine back. */
  VastbotPolicy(AutoscalerPolicy policy, GroupPolicy group) {
    this(policy, group, new SimulatedWarmPool(WarmPool.NONE, 0, Duration.ZERO, Restarts.DEFAULT, 0));
  }

  VastbotPolicy(AutoscalerPolicy policy, GroupPolicy group, SimulatedWarmPool pool) {
    this.policy = policy;
    this.group = group;
    this.pool = pool;
  }

  /** The group's own warm pool, restarts as {@code setup} says, drawn from its seed. */
  static VastbotPolicy of(SimulationSetup setup) {
    var group = setup.group();
    var pool =
        new SimulatedWarmPool(
            group.warmPool(), group.offers().diskGb(), setup.boot(), setup.restarts(),
            setup.seed());
    return new VastbotPolicy(setup.policy(), group, pool);
  }

  @Override
  public String name() {
    return "vastbot";
  }

  @Override
  public FleetActions decide(TickView view) {
    var fleet = view.fleet();
    var observation =
        new GroupObservation(
            group.name(),
            fleet.active().stream().map(instance -> observed(instance, view)).toList(),
            fleet.queue(),
            new SpendSoFar(view.spend(), view.spend()),
            fleet.lastScaleUp(),
            fleet.lastScaleDown(),
            view.listed(),
            Set.of(),
            List.of()); // no replacements: every simulated instance stays healthy
    var decision = ScalingDecider.decide(policy, observation, fleet.now());
    var leaving = pool.expired(fleet);
    return switch (decision.kind()) {
      case UP -> pool.scaleUp(fleet, decision.offers(), leaving);
      case DOWN -> pool.scaleDown(fleet, decision.instanceIds(), leaving);
      case REPLACE ->
          new FleetActions(decision.offers(), with(decision.instanceIds(), leaving), List.of(), false);
      case NEEDS_APPROVAL -> new FleetActions(List.of(), leaving, List.of(), true);
      case HOLD -> new FleetActions(List.of(), leaving, List.of(), false);
    };
  }

  private static List<Long> with(List<Long> ids, List<Long> more) {
    var all = new java.util.ArrayList<>(ids);
    all.addAll(more);
    return all;
  }

  private static GroupInstance observed(RentedInstance instance, TickView view) {
    var now = view.fleet().now();
    return new GroupInstance(
        instance.id(),
        instance.gpuName(),
        instance.numGpus(),
        instance.dphTotal(),
        instance.storageDph(),
        instance.runningAt(now) ? InstanceState.RUNNING : InstanceState.LOADING,
        true,
        instance.idleSince(),
        0,
        false,
        0,
        false);
  }
}
