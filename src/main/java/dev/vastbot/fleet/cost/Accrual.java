package dev.vastbot.fleet.cost;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One step of the ledger: the time span it covers and what each instance accrued in it, split by
 * day. {@code from} is the mark the previous step left (null for the very first step, which
 * accrues nothing), {@code until} the mark this one leaves.
 *
 * @param billedFrom where the billed span starts: {@code from}, or later when the gap was capped
 *     (null with {@code from})
 */
public record Accrual(Instant from, Instant billedFrom, Instant until, List<InstanceSpend> spends) {
  public Accrual {
    requireNonNull(until, "until == null");
    spends = List.copyOf(spends);
  }

  /** Whether the span since the previous mark was longer than the cap and only its end was billed. */
  public boolean capped() {
    return from != null && billedFrom != null && billedFrom.isAfter(from);
  }

  /** The dollars of every instance on every day of this step. */
  public double total() {
    return spends.stream().mapToDouble(InstanceSpend::dollars).sum();
  }
}
