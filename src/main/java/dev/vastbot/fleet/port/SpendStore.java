package dev.vastbot.fleet.port;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The spend ledger: what each instance cost on each day, accrued up to a mark that moves once per
 * span, and the once-a-day claims that keep a cost warning and the comparison with Vast's charges
 * from going out twice (across restarts, cron runs and replicas).
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}; a null argument as {@link NullPointerException}.
 */
public interface SpendStore {

  /**
   * Adds one accrual of the spend ledger (each instance's dollars onto its day) and moves the
   * ledger's mark to {@code accrual.until()}, only if the mark is still at {@code accrual.from()}
   * (no mark yet when that is null); returns whether it did. A second replica, or a retried tick,
   * that accrued the same span gets false and adds nothing.
   */
  boolean accrueSpend(Accrual accrual);

  /** Until when the ledger has accrued: empty before the first accrual. */
  Optional<Instant> spendMark();

  /** The fleet's spend per day from {@code from} to {@code to} (both included), by day; days without spend left out. */
  List<DailySpend> dailySpend(LocalDate from, LocalDate to);

  /**
   * What each instance accrued on each day from {@code from} to {@code to} (both included), by day
   * then instance id; days an instance accrued nothing left out.
   */
  List<InstanceSpend> instanceSpend(LocalDate from, LocalDate to);

  /**
   * Claims the day's cost warning: returns true only for the first claim of {@code day}, so the
   * warning goes out once per day across restarts and replicas.
   */
  boolean claimCostWarning(LocalDate day, Instant at);

  /** The last day a cost warning was claimed, if any. */
  Optional<LocalDate> lastCostWarningDay();

  /**
   * Records that Vast's charges were compared with the ledger on {@code day}, with one line saying
   * how it came out; returns true only for the first record of {@code day} (a later one is
   * dropped), so the comparison's warning goes out once across cron runs and replicas.
   */
  boolean recordChargesCheck(LocalDate day, Instant at, String outcome);

  /** The last day Vast's charges were compared with the ledger, if any. */
  Optional<LocalDate> lastChargesCheckDay();
}
