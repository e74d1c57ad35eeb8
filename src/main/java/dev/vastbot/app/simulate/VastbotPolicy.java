package dev.vastbot.app.simulate;

import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.DemandTrend;
import dev.vastbot.fleet.autoscale.DemandTrigger;
import dev.vastbot.fleet.autoscale.GroupInstance;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Reaction;
import dev.vastbot.fleet.autoscale.ScalingDecider;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * vastbot's configured policy: each tick the group is observed as the bot would see it and {@link
 * ScalingDecider} decides; each demand poll between ticks, {@link DemandTrigger} decides whether it
 * decides at once. One instance per run (it keeps the run's demand readings). Only this group is simulated, so its spend is also the all-groups
 * spend. Every instance answers its probe (none is unreachable, none needs replacing); a scale-down
 * gives the machine back at once (the real path syncs first, a few minutes more of billing).
 */
final class VastbotPolicy implements SimulatedPolicy {
  private final AutoscalerPolicy policy;
  private final GroupPolicy group;
  /** The demand read at each tick and poll, for the trigger and the trend (the bot's store). */
  private final List<DemandReading> readings = new ArrayList<>();

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
    var observation = observe(view);
    return actionsFor(ScalingDecider.decide(policy, observation, view.fleet().now(), trend(view)));
  }

  /** A poll between ticks: the group is decided when {@link DemandTrigger} fires, as in the bot. */
  @Override
  public FleetActions react(TickView view) {
    var observation = observe(view);
    var now = view.fleet().now();
    if (new DemandTrigger(policy).check(observation, readings, now).isEmpty()) {
      return FleetActions.none();
    }
    return actionsFor(ScalingDecider.decide(policy, observation, now, trend(view)));
  }

  private DemandTrend trend(TickView view) {
    return DemandTrend.of(readings, view.fleet().now(), policy.reaction().bootEstimate());
  }

  /** The group as the bot would see it; the queue is kept as the bot keeps its demand readings. */
  private GroupObservation observe(TickView view) {
    var fleet = view.fleet();
    var now = fleet.now();
    readings.removeIf(reading -> reading.at().isBefore(now.minus(Reaction.KEEP_READINGS)));
    readings.add(new DemandReading(now, fleet.queue()));
    return
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
  }

  private static FleetActions actionsFor(ScalingDecision decision) {
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
