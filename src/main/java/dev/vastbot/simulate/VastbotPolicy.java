package dev.vastbot.simulate;

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
import dev.vastbot.fleet.autoscale.WarmPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * vastbot's configured policy: each tick the group is observed as the bot would see it and {@link
 * ScalingDecider} decides; each demand poll between ticks, {@link DemandTrigger} decides whether it
 * decides at once. One instance per run (it keeps the run's demand readings). Only this group is simulated, so its spend is also the all-groups
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
  /** The demand read at each tick and poll, for the trigger and the trend (the bot's store). */
  private final List<DemandReading> readings = new ArrayList<>();

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
    var observation = observe(view);
    return actionsFor(
        ScalingDecider.decide(policy, observation, view.fleet().now(), trend(view)), view.fleet());
  }

  /** A poll between ticks: the group is decided when {@link DemandTrigger} fires, as in the bot. */
  @Override
  public FleetActions react(TickView view) {
    var observation = observe(view);
    var now = view.fleet().now();
    if (new DemandTrigger(policy).check(observation, readings, now).isEmpty()) {
      return FleetActions.none();
    }
    return actionsFor(ScalingDecider.decide(policy, observation, now, trend(view)), view.fleet());
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

  /** What the decision does to the simulated fleet, the warm pool's expired members going too. */
  private FleetActions actionsFor(ScalingDecision decision, FleetState fleet) {
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
