package dev.vastbot.simulate;

import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * {@code autoscaler simulate}: one trace, one group of the configured policy, its rows.
 * Deterministic: the same trace, policy and options give the same table.
 *
 * @param group the group's name; empty for the policy's first group
 * @param catalogues how many of the sim's seeded offer catalogues make the market
 * @param targetHours the queue's target in backlog hours; empty for the group's scale-up threshold
 * @param restart from restarting a stopped warm-pool member to its producing games
 * @param gpuTakenHours a stopped member's GPU is taken with probability 1 - exp(-hours stopped /
 *     this)
 */
public record PolicySimulation(
    Optional<String> group,
    long seed,
    Duration boot,
    int catalogues,
    double idleShare,
    boolean oldRulesScaleDown,
    OptionalDouble targetHours,
    Duration restart,
    double gpuTakenHours) {

  /** The sim's boot is seconds long (for tests); Vast says a boot is "typically 1-5 minutes". */
  public static final Duration DEFAULT_BOOT = Duration.ofMinutes(5);

  public static final int DEFAULT_CATALOGUES = 5;

  /** A restart of a stopped instance: a minute by default, apart from a fresh boot. */
  public static final Duration DEFAULT_RESTART = Restarts.DEFAULT_DELAY;

  public static final double DEFAULT_GPU_TAKEN_HOURS = Restarts.DEFAULT_TAKEN_AFTER_HOURS;

  /** With the default restart and GPU-taken model. */
  public PolicySimulation(
      Optional<String> group,
      long seed,
      Duration boot,
      int catalogues,
      double idleShare,
      boolean oldRulesScaleDown,
      OptionalDouble targetHours) {
    this(
        group, seed, boot, catalogues, idleShare, oldRulesScaleDown, targetHours, DEFAULT_RESTART,
        DEFAULT_GPU_TAKEN_HOURS);
  }

  public PolicySimulation {
    if (catalogues < 1) {
      throw new IllegalArgumentException("catalogues < 1: " + catalogues);
    }
    if (boot.isNegative()) {
      throw new IllegalArgumentException("boot < 0: " + boot);
    }
  }

  /** The plain-text table for {@code trace} against {@code policy}. */
  public SimulationResult run(AutoscalerPolicy policy, DemandTrace trace) {
    var chosen = groupOf(policy);
    var hours = (trace.minutes() + 59) / 60;
    var market = Market.seeded(seed, catalogues, chosen.offers().diskGb(), hours);
    var target = targetHours.orElse(chosen.hysteresis().scaleUpHours());
    var setup =
        new SimulationSetup(
            policy, chosen, trace, market, boot, idleShare, oldRulesScaleDown, target, seed,
            new Restarts(restart, gpuTakenHours));
    return run(setup);
  }

  static SimulationResult run(SimulationSetup setup) {
    var best =
        LowerBound.best(setup)
            .orElseThrow(
                () ->
                    new SimulationInputException(
                        "group "
                            + setup.group().name()
                            + ": no offer of the simulated market is eligible (GPU types "
                            + setup.group().offers().gpuTypes()
                            + ", at most "
                            + setup.group().offers().maxPrice()
                            + " $/h, reliability >= "
                            + setup.group().offers().minReliability()
                            + ")"));
    var simulator = new Simulator(setup);
    var vastbot = simulator.run(VastbotPolicy.of(setup));
    var oldRules = simulator.run(new OldRulesPolicy(setup.group(), setup.oldRulesScaleDown()));
    return new SimulationResult(
        setup,
        vastbot,
        oldRules,
        LowerBound.outcome(setup, best),
        best,
        HeldAtMax.run(setup),
        MinimumLowerBound.outcome(setup, best));
  }

  private GroupPolicy groupOf(AutoscalerPolicy policy) {
    if (policy.groups().isEmpty()) {
      throw new SimulationInputException("the autoscaler policy has no group");
    }
    if (group.isEmpty()) {
      return policy.groups().get(0);
    }
    return policy
        .group(group.get())
        .orElseThrow(
            () ->
                new SimulationInputException(
                    "no autoscaler group '"
                        + group.get()
                        + "'; the policy has: "
                        + policy.groups().stream()
                            .map(GroupPolicy::name)
                            .collect(Collectors.joining(", "))));
  }
}
