package dev.vastbot.fleet.autoscale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The budget side of a scale-up: the group's own caps and the caps of all groups together, each
 * forecast with {@link BudgetForecast}. Pure.
 */
final class ScaleUpBudget {
  private final AutoscalerPolicy policy;
  private final GroupPolicy group;
  private final SpendSoFar spend;
  private final Instant now;
  private final BudgetForecast forecast;

  ScaleUpBudget(AutoscalerPolicy policy, GroupPolicy group, SpendSoFar spend, Instant now) {
    this.policy = policy;
    this.group = group;
    this.spend = spend;
    this.now = now;
    this.forecast = new BudgetForecast(policy.zone());
  }

  /**
   * Which cap adding {@code addedRate} $/h would pass, if any: the group's first, then the total.
   */
  Optional<String> refusal(double addedRate) {
    var groupRate = spend.group().ratePerHour() + addedRate;
    return forecast
        .refusal("group " + group.name(), group.budget(), spend.group(), groupRate, now)
        .or(() -> totalRefusal(policy, spend.total(), addedRate, now));
  }

  /**
   * The same forecast with {@code usd} more spent now, in this hour, day and month, for the group
   * and all groups (a replacement's overlap: {@link ReplacementOverlap}).
   */
  ScaleUpBudget withOneOff(double usd) {
    if (usd <= 0) {
      return this;
    }
    return new ScaleUpBudget(policy, group, new SpendSoFar(plus(spend.group(), usd), plus(spend.total(), usd)), now);
  }

  private static Spend plus(Spend spend, double usd) {
    return new Spend(spend.thisHour() + usd, spend.today() + usd, spend.thisMonth() + usd, spend.ratePerHour());
  }

  /**
   * Which cap of all groups together adding {@code addedRate} $/h to {@code total} would pass, if
   * any (a rent outside every group, such as a person's provision, has only these).
   */
  static Optional<String> totalRefusal(AutoscalerPolicy policy, Spend total, double addedRate, Instant now) {
    return new BudgetForecast(policy.zone())
        .refusal("all groups", policy.totalBudget(), total, total.ratePerHour() + addedRate, now);
  }

  /**
   * Up with as many of {@code chosen} (best first) as fit the budget; approval when none does; hold
   * when the current rate alone already does not fit.
   */
  ScalingDecision fit(String groupName, List<RankedOffer> chosen, List<String> reasons) {
    var reasonsOut = new ArrayList<>(reasons);
    var already = refusal(0);
    if (already.isPresent()) {
      reasonsOut.add(already.get());
      return ScalingDecision.hold(groupName, reasonsOut);
    }
    var fitting = largestFittingCount(chosen);
    if (fitting == chosen.size()) {
      return ScalingDecision.up(groupName, GroupDecision.offersOf(chosen), reasonsOut);
    }
    var refused = refusal(GroupDecision.sumOfPrices(chosen.subList(0, fitting + 1))).orElseThrow();
    if (fitting == 0) {
      reasonsOut.add(refused);
      return ScalingDecision.needsApproval(
          groupName, GroupDecision.offersOf(chosen), List.of(), reasonsOut);
    }
    reasonsOut.add(fitting + " of " + chosen.size() + " fit the budget; one more: " + refused);
    return ScalingDecision.up(
        groupName, GroupDecision.offersOf(chosen.subList(0, fitting)), reasonsOut);
  }

  private int largestFittingCount(List<RankedOffer> chosen) {
    for (int count = chosen.size(); count > 0; count--) {
      if (refusal(GroupDecision.sumOfPrices(chosen.subList(0, count))).isEmpty()) {
        return count;
      }
    }
    return 0;
  }
}
