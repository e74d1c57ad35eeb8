package dev.vastbot.service.cost;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.SpendLedger;
import dev.vastbot.fleet.cost.SpendSummary;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.SpendStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
/**
 * Keeps the spend ledger in the store: after each full list of the fleet, {@link #record} accrues
 * what every instance cost since the store's mark ({@link SpendLedger}'s rules), moves the mark,
 * and raises the cost warning once per day ({@link CostWarning}). Thread-safe as the store is; two
 * replicas accruing the same span cannot both count it (the store moves the mark only from where
 * this accrual started).
 */
public final class SpendTracker {
  private final SpendStore store;
  private final SpendLedger ledger;
  private final CostWarning warning;
  private final AlertSink alerts;

  public SpendTracker(SpendStore store, SpendLedger ledger, CostWarning warning, AlertSink alerts) {
    this.store = requireNonNull(store, "store == null");
    this.ledger = requireNonNull(ledger, "ledger == null");
    this.warning = requireNonNull(warning, "warning == null");
    this.alerts = requireNonNull(alerts, "alerts == null");
  }

  /** The ledger's time zone. */
  public java.time.ZoneId zone() {
    return ledger.zone();
  }

  /** What happened in one {@link #record}: the accrual (applied or not) and the summary after it. */
  public record Outcome(Accrual accrual, boolean applied, SpendSummary summary, boolean warned) {}

  /** Accrues the span since the store's mark at the states in {@code instances}, the whole list seen {@code now}. */
  public Outcome record(List<Instance> instances, Instant now) {
    Accrual accrual = ledger.accrue(store.spendMark().orElse(null), now, instances);
    boolean applied = store.accrueSpend(accrual);
    SpendSummary summary = summary(instances, now);
    boolean warned = warning.alert(summary).filter(alert -> store.claimCostWarning(summary.today(), now))
        .map(alert -> {
          alerts.alert(alert);
          return true;
        }).orElse(false);
    return new Outcome(accrual, applied, summary, warned);
  }

  /** Today, this month and the forecasts at {@code now}, with the rate of {@code instances}. */
  public SpendSummary summary(List<Instance> instances, Instant now) {
    return summary(store, SpendLedger.hourlyRate(instances), now, ledger.zone());
  }

  /** The summary from what a store holds, for readers that keep no tracker (commands, the CLI). */
  public static SpendSummary summary(SpendStore store, double ratePerHour, Instant now, java.time.ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    return SpendSummary.of(store.dailySpend(SpendSummary.monthStart(now, zone), today), ratePerHour, now, zone);
  }
}
