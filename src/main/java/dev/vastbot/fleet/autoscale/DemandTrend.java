package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * How a group's queue moves: its net growth (games per hour, after what the fleet played) over the
 * last boot time, and the queue it projects for the moment a fresh instance would start playing.
 * Pure.
 *
 * @param growthPerHour the queue's net growth; 0 when flat, shrinking or unknown
 * @param boot how far ahead the growth is projected
 */
public record DemandTrend(double growthPerHour, Duration boot) {
  /** No growth known: the queue as it is now. */
  public static final DemandTrend FLAT = new DemandTrend(0, Duration.ZERO);

  /** The shortest look-back the growth is measured over (two polls of a minute). */
  static final Duration MIN_LOOK_BACK = Duration.ofMinutes(2);

  public DemandTrend {
    requireNonNull(boot, "boot == null");
    if (!(growthPerHour >= 0) || Double.isInfinite(growthPerHour)) {
      throw new IllegalArgumentException("growthPerHour must be a non-negative number: " + growthPerHour);
    }
  }

  /**
   * The trend at {@code now} from {@code readings} (any order): the growth from the oldest reading
   * within the look-back (the boot time, at least two minutes) to the latest one, when it grew;
   * else {@link #FLAT} growth. Readings after {@code now} are ignored.
   */
  public static DemandTrend of(List<DemandReading> readings, Instant now, Duration boot) {
    Duration lookBack = boot.compareTo(MIN_LOOK_BACK) < 0 ? MIN_LOOK_BACK : boot;
    List<DemandReading> recent = readings.stream()
        .filter(reading -> !reading.at().isAfter(now) && !reading.at().isBefore(now.minus(lookBack)))
        .sorted(Comparator.comparing(DemandReading::at)).toList();
    if (recent.size() < 2) {
      return new DemandTrend(0, boot);
    }
    DemandReading first = recent.get(0);
    DemandReading last = recent.get(recent.size() - 1);
    double hours = Duration.between(first.at(), last.at()).toMillis() / 3_600_000.0;
    double growth = hours > 0 ? (last.queuedGames() - first.queuedGames()) / hours : 0;
    return new DemandTrend(Math.max(0, growth), boot);
  }

  /** The queue expected after the boot time if it keeps growing as it did: {@code queued} and more. */
  public double projectedQueue(double queued) {
    return queued + growthPerHour * boot.toMillis() / 3_600_000.0;
  }

  /** Whether the queue grew over the look-back. */
  public boolean growing() {
    return growthPerHour > 0;
  }
}
