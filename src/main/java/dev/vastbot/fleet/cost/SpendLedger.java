package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The accrual rules, pure: what each instance costs per hour in its state, as Vast bills it
 * (VAST_API §4.6, §7.3), and what it accrued between two observations, split at midnight in the
 * ledger's time zone.
 *
 * <ul>
 *   <li>RUNNING and FROZEN: {@code dph_total} (GPU + storage; "GPU charges apply").
 *   <li>OFFLINE: nothing ("offline instances are charged neither GPU nor storage").
 *   <li>every other state (provisioning, created, loading, stopped, exited, rebooting, recycling,
 *       unknown): the storage price only, which Vast charges "for every second your instance
 *       exists".
 *   <li>an instance not in the list is gone (destroyed): nothing.
 * </ul>
 *
 * <p>The span between the previous observation and this one is billed at the state seen now (a
 * state change is counted from the tick before it was seen, so a change costs at most one tick's
 * error); an instance whose {@code startedAt} falls inside the span is billed from then. A span
 * longer than {@code maxGap} (the bot was down, or the loop stalled) is billed for its last {@code
 * maxGap} only: the ledger never invents spend it did not observe, and under-counts such a gap
 * instead. A span that is empty or runs backwards (the clock moved back) bills nothing.
 */
public final class SpendLedger {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private final ZoneId zone;
  private final Duration maxGap;

  public SpendLedger(ZoneId zone, Duration maxGap) {
    this.zone = requireNonNull(zone, "zone == null");
    this.maxGap = requireNonNull(maxGap, "maxGap == null");
    if (maxGap.isNegative() || maxGap.isZero()) {
      throw new IllegalArgumentException("maxGap <= 0: " + maxGap);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  public Duration maxGap() {
    return maxGap;
  }

  /** What the instance costs per hour in its state now, USD. */
  public static double hourlyRate(Instance instance) {
    return switch (instance.state()) {
      case RUNNING, FROZEN -> instance.dphTotal();
      case OFFLINE -> 0;
      case PROVISIONING, CREATED, LOADING, STOPPED, EXITED, REBOOTING, RECYCLING, UNKNOWN -> instance.storageDph();
    };
  }

  /**
   * What the instance costs per hour once it is up, USD: an instance on its way to running
   * (provisioning, created, loading, rebooting) counts at its total price already, since it will
   * be billed that within minutes; any other state as {@link #hourlyRate(Instance)}. The rate a
   * reservation holds the budget to.
   */
  public static double committedRate(Instance instance) {
    return switch (instance.state()) {
      case PROVISIONING, CREATED, LOADING, REBOOTING -> instance.dphTotal();
      case RUNNING, FROZEN, OFFLINE, STOPPED, EXITED, RECYCLING, UNKNOWN -> hourlyRate(instance);
    };
  }

  /** What the listed instances cost per hour together now, USD. */
  public static double hourlyRate(List<Instance> instances) {
    return instances.stream().mapToDouble(SpendLedger::hourlyRate).sum();
  }

  /**
   * What each of {@code instances} (the whole list seen at {@code now}) accrued since {@code
   * previous}, the previous observation (null when there is none: nothing is billed, the mark is
   * only set).
   */
  public Accrual accrue(Instant previous, Instant now, List<Instance> instances) {
    requireNonNull(now, "now == null");
    if (previous == null) {
      return new Accrual(null, null, now, List.of());
    }
    if (!now.isAfter(previous)) {
      return new Accrual(previous, previous, previous, List.of());
    }
    Instant billedFrom = Duration.between(previous, now).compareTo(maxGap) > 0 ? now.minus(maxGap) : previous;
    List<InstanceSpend> spends = new ArrayList<>();
    for (Instance instance : instances) {
      double rate = hourlyRate(instance);
      Instant start = instance.startedAt() != null && instance.startedAt().isAfter(billedFrom)
          ? instance.startedAt() : billedFrom;
      if (rate > 0 && start.isBefore(now)) {
        splitByDay(instance.id(), rate, start, now, spends);
      }
    }
    return new Accrual(previous, billedFrom, now, spends);
  }

  /** A zone's name for people: "UTC" rather than {@link java.time.ZoneOffset#UTC}'s "Z". */
  public static String zoneName(ZoneId zone) {
    return "Z".equals(zone.getId()) ? "UTC" : zone.getId();
  }

  /** The calendar day of {@code at} in the ledger's zone. */
  public LocalDate day(Instant at) {
    return at.atZone(zone).toLocalDate();
  }

  private void splitByDay(long instanceId, double rate, Instant start, Instant end, List<InstanceSpend> spends) {
    Instant pieceStart = start;
    while (pieceStart.isBefore(end)) {
      LocalDate day = day(pieceStart);
      Instant midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
      Instant pieceEnd = midnight.isBefore(end) ? midnight : end;
      double hours = Duration.between(pieceStart, pieceEnd).toMillis() / MILLIS_PER_HOUR;
      spends.add(new InstanceSpend(day, instanceId, rate * hours));
      pieceStart = pieceEnd;
    }
  }
}
