package dev.vastbot.store;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.port.SpendStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link SpendStore} on the store's database. The ledger's reads run on the connection that
 * does not wait for writers, so {@code /vast cost} answers at once.
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcSpendStore implements SpendStore {
  private final SerializedConnection connection;
  private final SerializedConnection reads;
  private final SpendTables spend = new SpendTables();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcSpendStore(StoreDatabase database) {
    this.connection = database.writes();
    this.reads = database.reads();
  }

  @Override
  public boolean accrueSpend(Accrual accrual) {
    Objects.requireNonNull(accrual, "accrual");
    return connection.inTransaction("accrue " + accrual.spends().size() + " spend(s) until " + accrual.until(),
        c -> spend.accrue(c, accrual));
  }

  @Override
  public Optional<Instant> spendMark() {
    return reads.inTransaction("read the spend ledger's mark", spend::mark);
  }

  @Override
  public List<DailySpend> dailySpend(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return reads.inTransaction("read the spend from " + from + " to " + to, c -> spend.daily(c, from, to));
  }

  @Override
  public List<InstanceSpend> instanceSpend(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return reads.inTransaction("read the spend per instance from " + from + " to " + to,
        c -> spend.perInstance(c, from, to));
  }

  @Override
  public boolean claimCostWarning(LocalDate day, Instant at) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("claim the cost warning of " + day, c -> spend.claimWarning(c, day, at));
  }

  @Override
  public Optional<LocalDate> lastCostWarningDay() {
    return connection.inTransaction("read the last cost warning", spend::lastWarningDay);
  }

  @Override
  public boolean recordChargesCheck(LocalDate day, Instant at, String outcome) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    return connection.inTransaction("record the charges check of " + day,
        c -> spend.recordChargesCheck(c, day, at, outcome));
  }

  @Override
  public Optional<LocalDate> lastChargesCheckDay() {
    return reads.inTransaction("read the last charges check", spend::lastChargesCheckDay);
  }
}
