package dev.vastbot.service.cost;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.port.ListingObserver;
import dev.vastbot.fleet.text.SafeText;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * What follows every full list of the fleet, in every mode: the spend ledger accrues from the
 * listed prices since its mark (and the cost warning is raised when due, {@link SpendTracker}),
 * then Vast's charges are compared with the ledger once a day ({@link DailyReconciliation}). So a
 * team that runs only cron verbs gets the same ledger, caps and warnings as {@code serve}. Never
 * throws: a failure is logged and the listing goes on. Thread-safe as the store is; two processes
 * listing at once cannot both count a span (the store moves the mark from where an accrual began).
 */
public final class LedgerUpkeep implements ListingObserver {
  private static final Logger log = LoggerFactory.getLogger(LedgerUpkeep.class);
  private static final int MAX_REASON_CHARS = 300;
  private final SpendTracker spend;
  private final DailyReconciliation reconciliation;

  public LedgerUpkeep(SpendTracker spend, DailyReconciliation reconciliation) {
    this.spend = requireNonNull(spend, "spend == null");
    this.reconciliation = requireNonNull(reconciliation, "reconciliation == null");
  }

  @Override
  public void listed(List<Instance> instances, Instant at) {
    try {
      spend.record(instances, at);
    } catch (RuntimeException e) {
      log.warn("could not accrue the spend ledger: " + reason(e));
      return;
    }
    try {
      reconciliation.reconcileIfDue(at);
    } catch (RuntimeException e) {
      log.warn("could not compare the ledger with Vast's charges: " + reason(e));
    }
  }

  private static String reason(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return SafeText.forTerminalCell(message, MAX_REASON_CHARS);
  }
}
