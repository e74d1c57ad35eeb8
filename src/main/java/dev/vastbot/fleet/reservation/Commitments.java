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
 */
public record Commitments(List<LiveInstance> live, List<Reservation> open) {

  /**
   * One tracked instance not gone.
   *
   * @param group its autoscaler group, empty when it has none (yet)
   * @param ratePerHour what it costs per hour, or will once it runs, USD
   * @param pooled stopped in its group's warm pool: it bills storage, but neither runs nor starts
   */
  public record LiveInstance(long id, Optional<String> group, double ratePerHour, boolean pooled) {
    public LiveInstance {
      requireNonNull(group, "group == null");
    }

    /** One that is not in a warm pool. */
    public LiveInstance(long id, Optional<String> group, double ratePerHour) {
      this(id, group, ratePerHour, false);
    }
  }

  public Commitments {
    live = List.copyOf(live);
    open = List.copyOf(open);
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
   * The live instances in {@code group} (every one when empty) that run, start, stop or leave: all
   * but the ones stopped in a warm pool (a pool member being restarted holds a reservation's slot).
   */
  public long holding(Optional<String> group) {
    return live.stream().filter(inScope(group)).filter(instance -> !instance.pooled()).count();
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
