package dev.vastbot.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole fleet as one list of the account showed it, with when that list was taken. A refresh
 * that failed leaves the last good snapshot marked stale with the reason: a failed list is never
 * an empty fleet. Immutable.
 *
 * @param account the account as read with the list, when that read worked
 * @param takenAt when the list was read (an instance updated since carries its own newer view)
 * @param staleReason why the latest refresh failed, or null when it did not
 */
public record FleetSnapshot(List<Instance> instances, Optional<Account> account, Instant takenAt,
    String staleReason) {

  public FleetSnapshot {
    instances = List.copyOf(instances);
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(takenAt, "takenAt");
  }

  public static FleetSnapshot of(List<Instance> instances, Optional<Account> account, Instant takenAt) {
    return new FleetSnapshot(instances, account, takenAt, null);
  }

  public Optional<Instance> instance(long id) {
    return instances.stream().filter(i -> i.id() == id).findFirst();
  }

  public boolean stale() {
    return staleReason != null;
  }

  public Duration age(Instant now) {
    Duration age = Duration.between(takenAt, now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** The same list, marked as not refreshed because of {@code reason}. */
  public FleetSnapshot markedStale(String reason) {
    return new FleetSnapshot(instances, account, takenAt, reason);
  }

  /** With {@code updated} in place of the instance of its id (added when new). */
  public FleetSnapshot with(Instance updated) {
    List<Instance> next = new ArrayList<>(instances.size() + 1);
    boolean replaced = false;
    for (Instance instance : instances) {
      if (instance.id() == updated.id()) {
        next.add(updated);
        replaced = true;
      } else {
        next.add(instance);
      }
    }
    if (!replaced) {
      next.add(updated);
    }
    return new FleetSnapshot(next, account, takenAt, staleReason);
  }

  /** Without the instance of {@code id} (Vast says it is gone). */
  public FleetSnapshot without(long id) {
    return new FleetSnapshot(instances.stream().filter(i -> i.id() != id).toList(), account, takenAt,
        staleReason);
  }
}
