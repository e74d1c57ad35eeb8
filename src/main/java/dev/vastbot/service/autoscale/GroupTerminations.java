package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.PendingReplacement;
import dev.vastbot.fleet.autoscale.WarmPool;
import dev.vastbot.fleet.autoscale.WarmPoolKeeper;
import dev.vastbot.fleet.port.FleetStore;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.service.termination.Terminator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A group's instances leaving: parked into its warm pool (copied, verified, stopped) as far as the
 * pool has room, the others terminated through the {@link Terminator}'s safe path, approved by the
 * group's rule when it sets {@code unattended_scale_down}, else by a person. Each termination marks
 * the group's scale-down cooldown. Called with the autoscaler's decisions serialised.
 */
final class GroupTerminations {
  private final AutoscalerPolicy policy;
  private final FleetStore store;
  private final Terminator terminator;
  private final Optional<WarmPoolActions> pool;
  private final GroupObserver observer;
  private final Clock clock;

  GroupTerminations(AutoscalerPolicy policy, FleetStore store, FleetHands hands, GroupObserver observer,
      Clock clock) {
    this.policy = policy;
    this.store = store;
    this.terminator = hands.terminator();
    this.pool = hands.pool();
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * A scale-down: as many as the group's warm pool has room for (and whose disk it admits) are
   * copied, verified and stopped into it, which loses nothing and needs no approval; the others
   * are terminated. A replacement on trial that did not pass is never parked: it is not healthy.
   * The terminations' operations, by instance.
   */
  Noted<Map<Long, Long>> parkOrTerminate(Autoscaler.Observed observed, List<Long> ids, Actor actor, String why)
      throws InterruptedException {
    String group = observed.group();
    WarmPool warm = policy.group(group).orElseThrow().warmPool();
    if (pool.isEmpty() || !warm.enabled()) {
      return terminate(group, ids, actor, why);
    }
    Set<Long> onTrial = observed.observation().orElseThrow().replacements().stream()
        .map(PendingReplacement::newId).collect(Collectors.toSet());
    List<Long> parkable = ids.stream().filter(id -> !onTrial.contains(id)).toList();
    Map<Long, Double> disks = observer.listed().stream()
        .collect(Collectors.toMap(Instance::id, Instance::diskGb, (a, b) -> a));
    var split = WarmPoolKeeper.split(warm, pool.get().members(group).size(), parkable, disks);
    var parked = new ArrayList<String>();
    try {
      for (long id : split.park()) {
        parked.add(pool.get().park(group, id, actor, why));
      }
      var destroyed = new ArrayList<>(split.destroy());
      ids.stream().filter(onTrial::contains).forEach(destroyed::add);
      Noted<Map<Long, Long>> terminated = terminate(group, destroyed, actor, why);
      return new Noted<>(terminated.value(), Noted.joined(parked, terminated.lines()));
    } catch (ProviderException | ActingFailed e) {
      throw ActingFailed.after(parked, e);
    }
  }

  /** Asks for the terminations (carried on at once when unattended); the operation of each, by instance. */
  Noted<Map<Long, Long>> terminate(String group, List<Long> ids, Actor actor, String why)
      throws InterruptedException {
    GroupPolicy policyOf = policy.group(group).orElseThrow();
    store.markScale(group, "down", clock.instant());
    var operations = new LinkedHashMap<Long, Long>();
    var lines = new ArrayList<String>();
    try {
      for (long id : ids) {
        Asked asked = terminateOne(policyOf, id, actor, why);
        asked.operation().ifPresent(operation -> operations.put(id, operation));
        lines.add(asked.line());
      }
    } catch (ProviderException e) {
      throw ActingFailed.after(lines, e);
    }
    return new Noted<>(operations, lines);
  }

  /** A termination asked for: its operation (empty when none was made), and what came of it. */
  private record Asked(Optional<Long> operation, String line) {}

  private Asked terminateOne(GroupPolicy group, long id, Actor actor, String why) throws InterruptedException {
    Terminator.Requested requested;
    try {
      requested = terminator.request(id, actor, false, why);
    } catch (InstanceUnavailableException e) {
      return new Asked(Optional.empty(), "vast-" + id + ": " + e.getMessage());
    }
    Operation operation = requested.operation();
    return new Asked(Optional.of(operation.id()), carryOn(group, id, requested));
  }

  /** Carries on a termination asked for, as the group's rule allows; what came of it, for people. */
  private String carryOn(GroupPolicy group, long id, Terminator.Requested requested) throws InterruptedException {
    Operation operation = requested.operation();
    try {
      if (requested.joined()) {
        return "vast-" + id + ": termination " + operation.id() + " already under way";
      }
      if (!group.unattendedScaleDown()) {
        return "vast-" + id + ": termination " + operation.id() + " awaits approval";
      }
      var decided = terminator.approveByPolicy(operation.id(), group.name() + " unattended_scale_down");
      Operation ended = decided.counted() ? terminator.proceed(operation.id(), SyncProgress.NONE)
          : store.operation(operation.id()).orElse(operation);
      return "vast-" + id + ": termination " + operation.id() + " " + ended.state().display()
          + (decided.counted() ? "" : " (" + decided.message() + ")");
    } catch (InstanceUnavailableException e) {
      return "vast-" + id + ": " + e.getMessage();
    }
  }
}
