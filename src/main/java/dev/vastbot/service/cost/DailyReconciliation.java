package dev.vastbot.service.cost;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.cost.ChargeReconciliation;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.SpendStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.stream.Collectors;
/**
 * Compares the ledger with Vast's charges ({@link ChargesCheck}) at most once per day of the
 * ledger's zone, whichever process lists the fleet first that day: the day is recorded in the
 * store, so neither later cron runs nor another replica ask Vast again. An account that may not
 * read charges is recorded as such for the day (asking again would not change it); a failure that
 * may pass ("could not be read now") is not recorded, so a later listing tries again ({@link
 * #RETRY_AFTER} later in the same process; the next cron run at once). When the
 * two differ by more than {@value ChargeReconciliation#THRESHOLD_PERCENT} % a warning is raised,
 * once (only by the process whose record was the first for the day). Thread-safe as the store is.
 */
public final class DailyReconciliation {
  /** Every such warning's incident starts so, followed by its day. */
  public static final String INCIDENT_PREFIX = "charges-differ:";
  private static final int NAMED_INSTANCES = 3;
  /** How long one process waits to ask again after a failure that may pass (a cron run asks anew). */
  static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(30);

  private final ChargesCheck check;
  private final SpendStore store;
  private final AlertSink alerts;
  private final ZoneId zone;
  /** When a failure that may pass was last met in this process (null: none). */
  private volatile Instant failedAt;

  public DailyReconciliation(ChargesCheck check, SpendStore store, AlertSink alerts, ZoneId zone) {
    this.check = requireNonNull(check, "check == null");
    this.store = requireNonNull(store, "store == null");
    this.alerts = requireNonNull(alerts, "alerts == null");
    this.zone = requireNonNull(zone, "zone == null");
  }

  /**
   * Compares once for {@code now}'s day unless the store says it was done; returns whether this
   * call did it (and recorded it).
   */
  public boolean reconcileIfDue(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    if (waitingAfterFailure(now) || store.lastChargesCheckDay().filter(day -> !day.isBefore(today)).isPresent()) {
      return false;
    }
    ChargesCheck.Outcome outcome = check.check(now);
    if (outcome instanceof ChargesCheck.Unavailable unavailable && !settled(unavailable)) {
      failedAt = now;
      return false;
    }
    if (!store.recordChargesCheck(today, now, describe(outcome))) {
      return false;
    }
    if (outcome instanceof ChargesCheck.Compared compared && compared.reconciliation().warrantsWarning()) {
      alerts.alert(new Alert(Alert.Severity.WARNING, INCIDENT_PREFIX + today, describe(compared)));
    }
    return true;
  }

  /** Whether this process met a failure that may pass less than {@link #RETRY_AFTER} ago. */
  private boolean waitingAfterFailure(Instant now) {
    Instant failed = failedAt;
    return failed != null && now.isBefore(failed.plus(RETRY_AFTER)) && !now.isBefore(failed);
  }

  /** Whether asking again today would give the same answer (the account or provider has no charges). */
  private static boolean settled(ChargesCheck.Unavailable unavailable) {
    return !unavailable.why().startsWith(ChargesCheck.COULD_NOT_READ);
  }

  /** One line for the store and the log: what was compared and how it came out. */
  static String describe(ChargesCheck.Outcome outcome) {
    if (outcome instanceof ChargesCheck.Unavailable unavailable) {
      return "Vast's charges for " + outcome.period().display() + ": " + unavailable.why();
    }
    return describe((ChargesCheck.Compared) outcome);
  }

  private static String describe(ChargesCheck.Compared compared) {
    ChargeReconciliation result = compared.reconciliation();
    String line = String.format(Locale.ROOT, "Vast's charges for %s: $%.2f (ledger $%.2f, differs by %.1f %%)",
        compared.period().display(), result.vastTotal(), result.ledgerTotal(), result.differencePercent());
    if (result.differing().isEmpty()) {
      return line + ".";
    }
    return line + "; differing most: " + result.differing().stream().limit(NAMED_INSTANCES)
        .map(d -> String.format(Locale.ROOT, "vast-%d (ledger $%.2f, Vast $%.2f)", d.instanceId(), d.ledger(),
            d.vast()))
        .collect(Collectors.joining(", ")) + ".";
  }
}
