package dev.vastbot.service.autoscale;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.autoscale.DemandTrigger;
import dev.vastbot.fleet.autoscale.GroupDecision;
import dev.vastbot.fleet.autoscale.GroupObservation;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Reaction;
import dev.vastbot.fleet.autoscale.ScalingDecision;
import dev.vastbot.fleet.port.AutoscaleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
/**
 * The autoscaler between its full ticks: reads each group's demand (the fleet snapshot, the store
 * and the demand signal; no offer search, no SSH), keeps the reading in the store, and runs the
 * group's full decision at once when {@link DemandTrigger} fires. Everything it remembers (the
 * readings, when each group last had its full tick) is in the store, so {@code autoscaler --check}
 * run by cron every minute behaves as the bot's loops do. Called by one thread at a time per
 * process (the autoscaler's decisions are serialised).
 */
final class DemandPoll {
  /** The store mark ({@link AutoscaleStore#markScale}) of a group's last full tick. */
  static final String TICK_MARK = "tick";

  private final Autoscaler autoscaler;
  private final AutoscaleStore store;
  private final Clock clock;

  DemandPoll(Autoscaler autoscaler, AutoscaleStore store, Clock clock) {
    this.autoscaler = requireNonNull(autoscaler, "autoscaler == null");
    this.store = requireNonNull(store, "store == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /** Polls {@code groups}; the outcomes of the ones whose trigger fired (and were decided). */
  List<Autoscaler.Outcome> poll(List<GroupPolicy> groups) throws InterruptedException {
    var outcomes = new ArrayList<Autoscaler.Outcome>();
    for (GroupPolicy group : groups) {
      Polled polled = pollOne(group, false);
      if (polled.trigger().isPresent()) {
        outcomes.addAll(autoscaler.tick(List.of(group), false, List.of("triggered: " + polled.trigger().get())));
      }
    }
    return outcomes;
  }

  /**
   * One full tick of the groups whose tick is due (together, as the loop's tick), then a poll of
   * each other group; one outcome per group.
   */
  List<Autoscaler.Outcome> tickWhenDue(boolean dryRun) throws InterruptedException {
    var early = new java.util.LinkedHashMap<GroupPolicy, Duration>();
    var due = new ArrayList<GroupPolicy>();
    for (GroupPolicy group : autoscaler.policy().groups()) {
      tooEarly(group).ifPresentOrElse(left -> early.put(group, left), () -> due.add(group));
    }
    var outcomes = new ArrayList<Autoscaler.Outcome>();
    if (!due.isEmpty()) {
      outcomes.addAll(autoscaler.tick(due, dryRun, List.of()));
    }
    for (var next : early.entrySet()) {
      GroupPolicy group = next.getKey();
      Polled polled = pollOne(group, dryRun);
      if (polled.trigger().isPresent()) {
        outcomes.addAll(autoscaler.tick(List.of(group), dryRun, List.of("triggered: " + polled.trigger().get())));
      } else {
        outcomes.add(new Autoscaler.Outcome(ScalingDecision.hold(group.name(), List.of(polled.summary()
            + "; no trigger: the next full tick in " + GroupDecision.minutes(next.getValue()))), polled.problems()));
      }
    }
    return outcomes;
  }

  /**
   * How long until {@code group}'s next full tick; empty when it is due: never ticked, polling off,
   * or its last tick at least the interval ago, less half a poll (cron's minute is not exact).
   */
  private Optional<Duration> tooEarly(GroupPolicy group) {
    Reaction reaction = autoscaler.policy().reaction();
    Optional<Instant> last = store.lastScale(group.name(), TICK_MARK);
    if (!reaction.polls() || last.isEmpty()) {
      return Optional.empty();
    }
    Instant due = last.get().plus(autoscaler.policy().tickInterval()).minus(reaction.demandPoll().dividedBy(2));
    Duration left = Duration.between(clock.instant(), due);
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** What one poll of a group saw, and why its decision should run now (empty: it need not). */
  private record Polled(String summary, Optional<String> trigger, List<String> problems) {}

  /** One group's poll; a dry run keeps no reading (its next real poll must still see the crossing). */
  private Polled pollOne(GroupPolicy group, boolean dryRun) throws InterruptedException {
    Autoscaler.Observed observed = autoscaler.observe(List.of(group), false, !dryRun).get(group.name());
    if (observed.observation().isEmpty() || !observed.demandKnown()) {
      return new Polled("demand polled: not read", Optional.empty(), observed.problems());
    }
    GroupObservation seen = observed.observation().get();
    Instant now = clock.instant();
    Optional<String> trigger = new DemandTrigger(autoscaler.policy())
        .check(seen, store.demandReadings(group.name()), now);
    return new Polled(String.format(Locale.ROOT, "demand polled: %.0f games queued", seen.queuedGames()), trigger,
        observed.problems());
  }
}
