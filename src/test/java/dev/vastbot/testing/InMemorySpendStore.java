package dev.vastbot.testing;

import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.DailySpend;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.port.SpendStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link SpendStore} in memory, for tests of the code that uses the port. Thread-safe. */
public final class InMemorySpendStore implements SpendStore {
  private final Map<LocalDate, Map<Long, Double>> spend = new TreeMap<>();
  private Instant spendMark;
  private final TreeSet<LocalDate> costWarnings = new TreeSet<>();
  private final TreeMap<LocalDate, String> chargeChecks = new TreeMap<>();

  @Override
  public synchronized boolean accrueSpend(Accrual accrual) {
    if (!Objects.equals(spendMark, accrual.from())) {
      return false;
    }
    spendMark = accrual.until();
    for (var each : accrual.spends()) {
      spend.computeIfAbsent(each.day(), day -> new TreeMap<>()).merge(each.instanceId(), each.dollars(), Double::sum);
    }
    return true;
  }

  @Override
  public synchronized Optional<Instant> spendMark() {
    return Optional.ofNullable(spendMark);
  }

  @Override
  public synchronized List<DailySpend> dailySpend(LocalDate from, LocalDate to) {
    return spend.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
        .map(e -> new DailySpend(e.getKey(), e.getValue().values().stream().mapToDouble(Double::doubleValue).sum()))
        .toList();
  }

  @Override
  public synchronized List<InstanceSpend> instanceSpend(LocalDate from, LocalDate to) {
    return spend.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
        .flatMap(day -> day.getValue().entrySet().stream().filter(i -> i.getValue() > 0)
            .map(i -> new InstanceSpend(day.getKey(), i.getKey(), i.getValue())))
        .toList();
  }

  @Override
  public synchronized boolean claimCostWarning(LocalDate day, Instant at) {
    return costWarnings.add(day);
  }

  @Override
  public synchronized Optional<LocalDate> lastCostWarningDay() {
    return costWarnings.isEmpty() ? Optional.empty() : Optional.of(costWarnings.last());
  }

  @Override
  public synchronized boolean recordChargesCheck(LocalDate day, Instant at, String outcome) {
    return chargeChecks.putIfAbsent(day, outcome) == null;
  }

  @Override
  public synchronized Optional<LocalDate> lastChargesCheckDay() {
    return chargeChecks.isEmpty() ? Optional.empty() : Optional.of(chargeChecks.lastKey());
  }
}
