package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.port.FleetStore;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
/**
 * Spend so far from the store's ledger, per autoscaler group (by recorded membership) and in total,
 * as read once: {@link #read} reads the store, {@link #of} is pure over what was read.
 */
public final class SpendSoFarReader {
  private final Map<Long, String> groups;
  private final List<InstanceSpend> thisMonth;
  private final ZonedDateTime now;

  private SpendSoFarReader(Map<Long, String> groups, List<InstanceSpend> thisMonth, ZonedDateTime now) {
    this.groups = groups;
    this.thisMonth = thisMonth;
    this.now = now;
  }

  /** Reads the groups and this month's ledger (in {@code now}'s zone) from the store. */
  public static SpendSoFarReader read(FleetStore store, ZonedDateTime now) {
    LocalDate today = now.toLocalDate();
    return new SpendSoFarReader(store.autoscaleGroups(), store.instanceSpend(today.withDayOfMonth(1), today), now);
  }

  /**
   * What {@code group} (all groups when empty) and all groups spent so far, each at the rate of its
   * instances among {@code instances}.
   */
  public SpendSoFar of(Optional<String> group, List<Instance> instances) {
    LongPredicate inGroup = id -> group.isEmpty() || group.get().equals(groups.get(id));
    return new SpendSoFar(spend(inGroup, instances), spend(id -> true, instances));
  }

  private Spend spend(LongPredicate counted, List<Instance> instances) {
    LocalDate today = now.toLocalDate();
    double month = 0;
    double day = 0;
    for (InstanceSpend each : thisMonth) {
      if (counted.test(each.instanceId())) {
        month += each.dollars();
        day += each.day().equals(today) ? each.dollars() : 0;
      }
    }
    double rate = SpendLedger.hourlyRate(instances.stream().filter(i -> counted.test(i.id())).toList());
    return Spend.atRate(day, month, rate, now);
  }
}
