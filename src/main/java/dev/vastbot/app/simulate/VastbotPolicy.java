package dev.vastbot.app.simulate;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.ScalingDecider;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import java.util.List;
import java.util.Set;

/**
 * vastbot's configured policy: each tick the group is observed as the bot would see it and {@link
 * ScalingDecider} decides. Only this group is simulated, so its spend is also the all-groups
 * spend. Every instance answers its probe (none is unreachable, none needs replacing); a scale-down
 * gives the machine back at once (the real path syncs first, a few minutes more of billing).
 */
final class VastbotPolicy implements SimulatedPolicy {
  private final AutoscalerPolicy policy;
  private final GroupPolicy group;

  VastbotPolicy(AutoscalerPolicy policy, GroupPolicy group) {
    this.policy = policy;
    this.group = group;
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
    return switch (decision.kind()) {
      case UP -> FleetActions.rent(decision.offers());
      case DOWN -> new FleetActions(List.of(), decision.instanceIds(), List.of(), false);
      case REPLACE ->
          new FleetActions(decision.offers(), decision.instanceIds(), List.of(), false);
      case NEEDS_APPROVAL -> FleetActions.approvalAsked();
      case HOLD -> FleetActions.none();
    };
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
