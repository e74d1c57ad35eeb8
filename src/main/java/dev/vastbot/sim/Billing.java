package dev.vastbot.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Steps the market forward to "now", lazily: applies each instance's scheduled status steps in time
 * order and bills the time between them. A running instance pays {@code dph_base} plus storage, any
 * other existing instance storage only, an offline one nothing (VAST_API §7.3). When the balance
 * reaches zero every instance is stopped at that instant. Not thread-safe.
 */
final class Billing {
  private static final double NANOS_PER_HOUR = 3_600e9;

  private final SimAccount account;
  private final ChargeBook book = new ChargeBook();
  private Instant steppedTo;

  Billing(SimAccount account, Instant start) {
    this.account = account;
    this.steppedTo = start;
  }

  /** Every charge billed so far, per instance and span. */
  ChargeBook book() {
    return book;
  }

  /** Brings every instance and the balance to {@code now}; a clock that went back is ignored. */
  void advanceTo(Instant now, Collection<SimInstance> instances) {
    applyStepsDue(instances);
    while (steppedTo.isBefore(now)) {
      Instant next = nextStep(instances).filter(step -> step.isBefore(now)).orElse(now);
      Optional<Instant> exhausted = balanceRunsOutBefore(next, instances);
      if (exhausted.isPresent()) {
        chargeUntil(exhausted.get(), instances);
        account.setBalance(0.0);
        instances.forEach(instance -> instance.stop("Stopped: account credit is exhausted"));
        continue;
      }
      chargeUntil(next, instances);
      applyStepsDue(instances);
    }
  }

  Instant steppedTo() {
    return steppedTo;
  }

  private Optional<Instant> balanceRunsOutBefore(Instant next, Collection<SimInstance> instances) {
    double ratePerHour = ratePerHour(instances);
    double balance = account.balance();
    if (balance <= 0 || ratePerHour <= 0) {
      return Optional.empty();
    }
    double nanos = balance / ratePerHour * NANOS_PER_HOUR;
    long available = Duration.between(steppedTo, next).toNanos();
    if (nanos >= available) {
      return Optional.empty();
    }
    return Optional.of(steppedTo.plusNanos((long) Math.ceil(nanos)));
  }

  private void chargeUntil(Instant until, Collection<SimInstance> instances) {
    double hours = Duration.between(steppedTo, until).toNanos() / NANOS_PER_HOUR;
    double total = 0;
    for (SimInstance instance : instances) {
      double gpuRate = instance.gpuRatePerHour();
      double diskRate = instance.storageRatePerHour();
      double cost = (gpuRate + diskRate) * hours;
      instance.charge(cost);
      book.record(instance.id(), instance.label(), steppedTo, until, gpuRate, diskRate);
      total += cost;
    }
    account.setBalance(account.balance() - total);
    steppedTo = until;
  }

  private void applyStepsDue(Collection<SimInstance> instances) {
    instances.forEach(instance -> instance.applyStepsDue(steppedTo));
  }

  private static Optional<Instant> nextStep(Collection<SimInstance> instances) {
    return instances.stream()
        .map(SimInstance::nextStepAt)
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  private static double ratePerHour(Collection<SimInstance> instances) {
    return instances.stream()
        .mapToDouble(instance -> instance.gpuRatePerHour() + instance.storageRatePerHour())
        .sum();
  }
}
