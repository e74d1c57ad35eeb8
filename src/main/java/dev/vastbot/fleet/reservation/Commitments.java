package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the store holds committed at one moment, read inside the reserving transaction: every
 * instance not gone, as last observed (or as just created), and every open reservation.
 *
 * @param live the tracked instances not gone
 * @param open the reservations not lapsed, with slots left
 * @param pooled the live instances stopped in a group's warm pool: they bill storage only and hold
 *     no slot of the group's ceiling until a restart reserves one
 */
public record Commitments(List<LiveInstance> live, List<Reservation> open, Set<Long> pooled) {

  /**
   * One tracked instance not gone.
   *
   * @param group its autoscaler group, empty when it has none (yet)
   * @param ratePerHour what it costs per hour, or will once it runs, USD
   */
  public record LiveInstance(long id, Optional<String> group, double ratePerHour) {
    public LiveInstance {
      requireNonNull(group, "group == null");
    }
  }

  public Commitments {
    live = List.copyOf(live);
    open = List.copyOf(open);
    pooled = Set.copyOf(pooled);
  }

  /** Commitments without a warm pool member. */
  public Commitments(List<LiveInstance> live, List<Reservation> open) {
    this(live, open, Set.of());
  }

  /** Nothing running, nothing reserved. */
  public static Commitments none() {
    return new Commitments(List.of(), List.of());
  }

  /** The live instances in {@code group} (every one when empty) that are not {@code leaving}. */
  public long staying(Optional<String> group, Set<Long> leaving) {
    return live.stream().filter(inScope(group)).filter(instance -> !leaving.contains(instance.id())).count();
  }

  /**
   * The live instances in {@code group} (every one when empty) that hold a place under its ceiling:
   * all but those stopped in a warm pool (those on their way out count).
   */
  public long holding(Optional<String> group) {
    return staying(group, pooled);
  }

  /** The slots of the open reservations in {@code group} (every one when empty). */
  public int reservedSlots(Optional<String> group) {
    return reservations(group).stream().mapToInt(Reservation::slots).sum();
  }

  /** What the live instances and the open reservations in {@code group} (all when empty) cost per hour. */
  public double ratePerHour(Optional<String> group) {
    return live.stream().filter(inScope(group)).mapToDouble(LiveInstance::ratePerHour).sum()
        + reservedRatePerHour(group);
  }

  /** What the open reservations in {@code group} (all when empty) may add per hour. */
  public double reservedRatePerHour(Optional<String> group) {
    return reservations(group).stream().mapToDouble(Reservation::ratePerHour).sum();
  }

  /** The open reservations in {@code group} (every one when empty). */
  public List<Reservation> reservations(Optional<String> group) {
    return open.stream().filter(reservation -> group.isEmpty() || reservation.group().equals(group)).toList();
  }

  /** Who holds the reservations in {@code group}, for people: {@code provision 12, provision 14}. */
  public String holders(Optional<String> group) {
    return reservations(group).stream().map(Reservation::holder).collect(Collectors.joining(", "));
  }

  private static Predicate<LiveInstance> inScope(Optional<String> group) {
    return instance -> group.isEmpty() || instance.group().equals(group);
  }
}
