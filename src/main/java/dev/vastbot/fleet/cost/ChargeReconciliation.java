package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spend ledger against Vast's charges over the same period, pure. A difference is measured
 * against Vast's amount, since that is what the account pays: {@code |ledger - vast| / vast}, and
 * 100 % when Vast charged nothing but the ledger counted something (or the other way round, for an
 * instance only on one side).
 *
 * @param ledgerTotal what the ledger accrued over the period, USD
 * @param vastTotal what Vast charged over the period, USD
 * @param differencePercent the totals' difference, percent of {@code vastTotal}
 * @param differing instances whose own difference passes {@link #THRESHOLD_PERCENT} and one cent,
 *     the largest difference in dollars first
 */
public record ChargeReconciliation(
    double ledgerTotal, double vastTotal, double differencePercent, List<InstanceDifference> differing) {

  /** Above this a difference is shown as a warning. */
  public static final double THRESHOLD_PERCENT = 5.0;

  /** Below a cent, a difference is rounding, whatever its percentage. */
  private static final double NOISE_USD = 0.01;

  /** One instance's side by side; {@code percent} as for the totals. */
  public record InstanceDifference(long instanceId, double ledger, double vast, double percent) {
    public double dollars() {
      return Math.abs(ledger - vast);
    }
  }

  public ChargeReconciliation {
    differing = List.copyOf(differing);
  }

  /**
   * Compares the ledger's per-instance spend (every {@link InstanceSpend} of the period's days) with
   * Vast's charges for the same period.
   */
  public static ChargeReconciliation of(List<InstanceSpend> ledger, VastCharges charges) {
    requireNonNull(ledger, "ledger == null");
    requireNonNull(charges, "charges == null");
    Map<Long, Double> ledgerByInstance = new TreeMap<>();
    ledger.forEach(spend -> ledgerByInstance.merge(spend.instanceId(), spend.dollars(), Double::sum));
    Map<Long, Double> vastByInstance = charges.byInstance();
    var ids = new TreeSet<Long>(ledgerByInstance.keySet());
    ids.addAll(vastByInstance.keySet());
    List<InstanceDifference> differing = new ArrayList<>();
    for (long id : ids) {
      double mine = ledgerByInstance.getOrDefault(id, 0.0);
      double theirs = vastByInstance.getOrDefault(id, 0.0);
      double percent = percent(mine, theirs);
      if (percent > THRESHOLD_PERCENT && Math.abs(mine - theirs) >= NOISE_USD) {
        differing.add(new InstanceDifference(id, mine, theirs, percent));
      }
    }
    differing.sort(Comparator.comparingDouble(InstanceDifference::dollars).reversed()
        .thenComparingLong(InstanceDifference::instanceId));
    double ledgerTotal = ledgerByInstance.values().stream().mapToDouble(Double::doubleValue).sum();
    double vastTotal = charges.total();
    return new ChargeReconciliation(ledgerTotal, vastTotal, percent(ledgerTotal, vastTotal), differing);
  }

  /** Whether the totals, or any one instance, differ by more than the threshold. */
  public boolean warrantsWarning() {
    boolean totals = differencePercent > THRESHOLD_PERCENT && Math.abs(ledgerTotal - vastTotal) >= NOISE_USD;
    return totals || !differing.isEmpty();
  }

  static double percent(double ledger, double vast) {
    double difference = Math.abs(ledger - vast);
    if (difference == 0) {
      return 0;
    }
    return vast == 0 ? 100 : 100 * difference / Math.abs(vast);
  }
}
