package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.autoscale.ActiveLimits;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.BudgetForecast;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.ScaleUpBudget;
import dev.vastbot.fleet.autoscale.Spend;
import dev.vastbot.fleet.autoscale.SpendSoFar;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
/**
 * The rule every reservation passes, pure: the fleet's slots ({@code scaling.max_instances}), the
 * group's slots (the maximum of its window now on) and the forecast spend (the group's and all
 * groups' hourly, daily and monthly caps, by {@link ScaleUpBudget} and {@link BudgetForecast}, the
 * rule the autoscaler decides with). It counts what the store holds committed: the instances not
 * gone and the open reservations' slots and spend, less the instances the rent counts as leaving
 * (for slots only: they cost until they are gone). A cap an approval lifted is not checked.
 *
 * <p>Thread-safe and immutable.
 */
public final class ReservationCheck implements ReservationRule {
  private final int fleetMax;
  private final Optional<AutoscalerPolicy> policy;

  /**
   * @param fleetMax {@code scaling.max_instances}
   * @param policy the groups' windows and every budget
   */
  public ReservationCheck(int fleetMax, AutoscalerPolicy policy) {
    this(fleetMax, Optional.of(requireNonNull(policy, "policy == null")));
  }

  private ReservationCheck(int fleetMax, Optional<AutoscalerPolicy> policy) {
    if (fleetMax < 0) {
      throw new IllegalArgumentException("fleetMax < 0: " + fleetMax);
    }
    this.fleetMax = fleetMax;
    this.policy = policy;
  }

  /** The fleet's slots only: no group maximum, no budget (a provisioner without an autoscaler policy). */
  public static ReservationCheck fleetOnly(int fleetMax) {
    return new ReservationCheck(fleetMax, Optional.empty());
  }

  @Override
  public Optional<Refusal> refusal(ReservationRequest request, Commitments committed) {
    return fleetSlots(request, committed)
        .or(() -> groupSlots(request, committed))
        .or(() -> budget(request, committed));
  }

  private Optional<Refusal> fleetSlots(ReservationRequest request, Commitments committed) {
    if (!request.checks(Cap.FLEET_SLOTS)) {
      return Optional.empty();
    }
    long after = slotsAfter(request, committed, Optional.empty());
    if (after <= fleetMax) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(Cap.FLEET_SLOTS, "it would bring the fleet to " + after + " instances"
        + reservedNote(committed, Optional.empty()) + ", above scaling.max_instances " + fleetMax
        + " (VAST_AUTOSCALE_MAX)"));
  }

  private Optional<Refusal> groupSlots(ReservationRequest request, Commitments committed) {
    Optional<GroupPolicy> group = groupOf(request);
    if (group.isEmpty() || !request.checks(Cap.GROUP_SLOTS)) {
      return Optional.empty();
    }
    ActiveLimits limits = group.get().limitsAt(request.at().atZone(policy.orElseThrow().zone()));
    long after = slotsAfter(request, committed, request.group());
    if (after > limits.maxInstances()) {
      return Optional.of(new Refusal(Cap.GROUP_SLOTS, "it would bring group " + group.get().name() + " to " + after
          + " instances" + reservedNote(committed, request.group()) + ", above its maximum " + limits.maxInstances()
          + " (window " + limits.window() + ")"));
    }
    return groupCeiling(request, committed, group.get(), limits);
  }

  /**
   * The group's ceiling, with every instance it holds counted, the ones the rent counts as leaving
   * too (old ones of replacements, ones being terminated or whose termination ended without
   * destroying them): they are still there, and billed. Stopped warm pool members hold no place
   * (a restart's reservation takes the one it needs).
   */
  private static Optional<Refusal> groupCeiling(ReservationRequest request, Commitments committed,
      GroupPolicy group, ActiveLimits limits) {
    int ceiling = limits.maxInstances() + group.pacing().maxConcurrentReplacements();
    long all = committed.holding(request.group()) + committed.reservedSlots(request.group())
        + request.slots();
    if (all <= ceiling) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(Cap.GROUP_SLOTS, "it would bring group " + group.name() + " to " + all
        + " instances counting those on their way out" + reservedNote(committed, request.group())
        + ", above its ceiling " + ceiling + ": maximum " + limits.maxInstances() + " (window " + limits.window()
        + ") + max_concurrent_replacements " + group.pacing().maxConcurrentReplacements()));
  }

  private Optional<Refusal> budget(ReservationRequest request, Commitments committed) {
    if (policy.isEmpty() || !request.checks(Cap.BUDGET)) {
      return Optional.empty();
    }
    AutoscalerPolicy budgets = policy.get();
    ZonedDateTime now = request.at().atZone(budgets.zone());
    Spend total = committedSpend(request.spent().total(), committed, Optional.empty(), now);
    Optional<GroupPolicy> group = groupOf(request);
    Optional<String> passed = group.isPresent()
        ? new ScaleUpBudget(budgets, group.get(), new SpendSoFar(
            committedSpend(request.spent().group(), committed, request.group(), now), total), request.at())
            .refusal(request.ratePerHour())
        : ScaleUpBudget.totalRefusal(budgets, total, request.ratePerHour(), request.at());
    return passed.map(reason -> new Refusal(Cap.BUDGET, reason + committedNote(request, committed)));
  }

  private Optional<GroupPolicy> groupOf(ReservationRequest request) {
    // a group no longer configured has no maximum or budget of its own; the fleet's still apply
    return policy.flatMap(p -> request.group().flatMap(p::group));
  }

  private static long slotsAfter(ReservationRequest request, Commitments committed, Optional<String> scope) {
    return committed.staying(scope, request.leaving()) + committed.reservedSlots(scope) + request.slots();
  }

  /** The ledger's day and month, with the rate the store holds committed (instances and reservations). */
  private static Spend committedSpend(Spend ledger, Commitments committed, Optional<String> scope,
      ZonedDateTime now) {
    return Spend.atRate(ledger.today(), ledger.thisMonth(), committed.ratePerHour(scope), now);
  }

  private static String reservedNote(Commitments committed, Optional<String> scope) {
    int reserved = committed.reservedSlots(scope);
    return reserved == 0 ? "" : " with " + reserved + " reserved by " + committed.holders(scope);
  }

  private static String committedNote(ReservationRequest request, Commitments committed) {
    double reserved = committed.reservedRatePerHour(Optional.empty());
    return String.format(Locale.ROOT, "; committed now %.2f $/h%s, this rent adds up to %.2f $/h",
        committed.ratePerHour(Optional.empty()),
        reserved > 0 ? String.format(Locale.ROOT, " (%.2f of it reserved by %s)", reserved,
            committed.holders(Optional.empty())) : "",
        request.ratePerHour());
  }
}
