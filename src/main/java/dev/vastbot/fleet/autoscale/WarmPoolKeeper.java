package dev.vastbot.fleet.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warm pool's decisions, pure: which instances of a scale-down are parked (stopped into the
 * pool) and which destroyed, which members have expired, and which members a scale-up restarts
 * first, and how long a restart is waited for. The boot time a restart saves is the policy's boot
 * estimate ({@link Reaction#bootEstimate()}, {@code autoscaler.boot_minutes}) less {@link #RESTART}
 * (a restart keeps the image and the disk, so it is taken as one minute).
 */
public final class WarmPoolKeeper {
  /** A restart of a stopped member, as estimated (its image and data are on its disk). */
  public static final Duration RESTART = Duration.ofMinutes(1);

  private WarmPoolKeeper() {}

  /** A scale-down split: the ids to stop into the pool and the ids to destroy, each in the order given. */
  public record Split(List<Long> park, List<Long> destroy) {
    public Split {
      park = List.copyOf(park);
      destroy = List.copyOf(destroy);
    }
  }

  /**
   * Parks as many of {@code leaving} as the pool has room for ({@code size} less {@code members}
   * already in it), each only if the pool admits its disk; the others are destroyed.
   *
   * @param diskGb each leaving instance's disk; one not listed is taken as too large to keep
   */
  public static Split split(WarmPool pool, int members, List<Long> leaving, Map<Long, Double> diskGb) {
    int room = Math.max(0, pool.size() - members);
    var park = new ArrayList<Long>();
    var destroy = new ArrayList<Long>();
    for (long id : leaving) {
      Double disk = diskGb.get(id);
      if (park.size() < room && disk != null && pool.admits(disk)) {
        park.add(id);
      } else {
        destroy.add(id);
      }
    }
    return new Split(park, destroy);
  }

  /** A member to destroy, and why. */
  public record Expiry(PoolMember member, String why) {}

  /**
   * The members of one group's pool to destroy at {@code now}: past {@link WarmPool#maxStopped},
   * or whose storage so far exceeds what the boot time a restart saves is worth ({@link
   * WarmPool#worthKeeping}), or more than the pool's size (it was made smaller).
   *
   * @param freshBoot a fresh rent's boot by the policy's estimate ({@link Reaction#bootEstimate()})
   */
  public static List<Expiry> expired(WarmPool pool, List<PoolMember> members, Instant now, Duration freshBoot) {
    Duration saved = bootSaved(freshBoot);
    var out = new ArrayList<Expiry>();
    List<PoolMember> newestFirst = members.stream()
        .sorted(Comparator.comparing(PoolMember::stoppedSince).reversed()).toList();
    for (int i = 0; i < newestFirst.size(); i++) {
      PoolMember member = newestFirst.get(i);
      Duration stopped = member.stoppedFor(now);
      if (i >= pool.size()) {
        out.add(new Expiry(member, "the warm pool keeps " + pool.size()));
      } else if (stopped.compareTo(pool.maxStopped()) >= 0) {
        out.add(new Expiry(member, String.format(Locale.ROOT, "stopped %.1f h, max_stopped_hours %.1f",
            hours(stopped), hours(pool.maxStopped()))));
      } else if (!pool.worthKeeping(stopped, member.storageDph(), member.runningDph(), saved)) {
        out.add(new Expiry(member, String.format(Locale.ROOT, "its storage so far ($%.3f) is more than the %d min"
            + " of boot a restart saves ($%.3f at $%.3f/h)", member.storageDph() * hours(stopped),
            saved.toMinutes(), member.runningDph() * hours(saved), member.runningDph())));
      }
    }
    return out;
  }

  /** Up to {@code count} members to restart, the most recently stopped first (least likely taken). */
  public static List<PoolMember> restartFirst(List<PoolMember> members, int count) {
    return members.stream().sorted(Comparator.comparing(PoolMember::stoppedSince).reversed()
        .thenComparingLong(PoolMember::instanceId)).limit(Math.max(0, count)).toList();
  }

  /** What the members bill per hour while stopped, together, USD. */
  public static double storageDph(List<PoolMember> members) {
    return members.stream().mapToDouble(PoolMember::storageDph).sum();
  }

  /** The boot time a restart saves over a fresh boot of {@code freshBoot}: none when the restart is no faster. */
  public static Duration bootSaved(Duration freshBoot) {
    Duration saved = freshBoot.minus(RESTART);
    return saved.isNegative() ? Duration.ZERO : saved;
  }

  /**
   * How long a restarted member is waited for before its GPU is taken as lost: the restart timeout,
   * or the policy's boot estimate when that is shorter (a restart slower than a fresh boot saves
   * nothing, and the wait holds up the decision's fresh rents).
   *
   * @param restartTimeout {@code keepalive.restart_timeout_minutes}
   * @param freshBoot a fresh rent's boot by the policy's estimate ({@link Reaction#bootEstimate()})
   */
  public static Duration restartDeadline(Duration restartTimeout, Duration freshBoot) {
    return restartTimeout.compareTo(freshBoot) <= 0 ? restartTimeout : freshBoot;
  }

  private static double hours(Duration duration) {
    return duration.toMillis() / 3_600_000.0;
  }
}
