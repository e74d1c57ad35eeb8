package dev.vastbot.fleet.autoscale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The budget side of a scale-up: the group's own caps and the caps of all groups together, each
 * forecast with {@link BudgetForecast}; the fit walks down the ranking for offers that fit. Pure.
 */
public final class ScaleUpBudget {
  private final AutoscalerPolicy policy;
  private final GroupPolicy group;
  private final SpendSoFar spend;
  private final Instant now;
  private final BudgetForecast forecast;

  public ScaleUpBudget(AutoscalerPolicy policy, GroupPolicy group, SpendSoFar spend, Instant now) {
    this.policy = policy;
    this.group = group;
    this.spend = spend;
    this.now = now;
    this.forecast = new BudgetForecast(policy.zone());
  }

  /**
   * Which cap adding {@code addedRate} $/h would pass, if any: the group's first, then the total.
   */
  public Optional<String> refusal(double addedRate) {
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
  public static Optional<String> totalRefusal(AutoscalerPolicy policy, Spend total, double addedRate, Instant now) {
    return new BudgetForecast(policy.zone())
        .refusal("all groups", policy.totalBudget(), total, total.ratePerHour() + addedRate, now);
  }

  /**
   * Up with the best {@code count} offers of {@code ranked} (best first) that fit the budget
   * together: the walk goes down the ranking and skips an offer that would pass a cap, so a cheaper
   * offer further down is taken rather than a pricier one asked for, and as many offers as can fit
   * come before better-ranked ones (a minimum is a count). Fewer than {@code count} fit: up with
   * those, saying why no more. None fits: approval for the best {@code count}, saying that even the
   * cheapest offer passes the budget. Hold when the current rate alone does not fit.
   */
  ScalingDecision fit(String groupName, List<RankedOffer> ranked, int count, List<String> reasons) {
    var reasonsOut = new ArrayList<>(reasons);
    var already = refusal(0);
    if (already.isPresent()) {
      reasonsOut.add(already.get());
      return ScalingDecision.hold(groupName, reasonsOut);
    }
    var best = ranked.subList(0, count);
    var fitting = fittingWalk(ranked, count);
    if (fitting.isEmpty()) {
      reasonsOut.add(refusal(GroupDecision.sumOfPrices(best)).orElseThrow());
      reasonsOut.add(noneFits(ranked));
      return ScalingDecision.needsApproval(groupName, GroupDecision.offersOf(best), List.of(), reasonsOut);
    }
    if (!fitting.equals(best)) {
      reasonsOut.add(skipped(best, fitting));
    }
    return ScalingDecision.up(groupName, GroupDecision.offersOf(fitting), reasonsOut);
  }

  /**
   * The most offers, at most {@code count}, that fit the budget together, the best ranked first:
   * for the largest number that can fit at all, a walk down the ranking.
   */
  private List<RankedOffer> fittingWalk(List<RankedOffer> ranked, int count) {
    for (int wanted = count; wanted > 0; wanted--) {
      var taken = walk(ranked, wanted);
      if (taken.size() == wanted) {
        return taken;
      }
    }
    return List.of();
  }

  /**
   * Down the ranking, each offer taken when, with it, the {@code wanted} can still be made up from
   * the cheapest offers after it within the budget; a pricier one is skipped for those after it.
   */
  private List<RankedOffer> walk(List<RankedOffer> ranked, int wanted) {
    var taken = new ArrayList<RankedOffer>();
    var rate = 0.0;
    for (int i = 0; i < ranked.size() && taken.size() < wanted; i++) {
      var with = rate + ranked.get(i).pricePerHour();
      var rest = cheapest(ranked.subList(i + 1, ranked.size()), wanted - taken.size() - 1);
      if (refusal(with + rest).isEmpty()) {
        taken.add(ranked.get(i));
        rate = with;
      }
    }
    return taken;
  }

  private static double cheapest(List<RankedOffer> offers, int count) {
    return offers.stream().mapToDouble(RankedOffer::pricePerHour).sorted().limit(count).sum();
  }

  /** Why the best offers were not all taken, and what was taken instead. */
  private String skipped(List<RankedOffer> best, List<RankedOffer> fitting) {
    var passing = refusal(GroupDecision.sumOfPrices(best)).orElse("they fit");
    if (fitting.size() < best.size()) {
      return String.format(Locale.ROOT, "%d of %d fit the budget (all %d: %s); taken: %s", fitting.size(),
          best.size(), best.size(), passing, describe(fitting));
    }
    return String.format(Locale.ROOT, "the best %s would pass the budget (%s); taken instead: %s", describe(best),
        passing, describe(fitting));
  }

  private String noneFits(List<RankedOffer> ranked) {
    var cheapest = ranked.stream().min(Comparator.comparingDouble(RankedOffer::pricePerHour)).orElseThrow();
    return String.format(Locale.ROOT, "no offer fits the budget: the cheapest of %d, %s, would not either",
        ranked.size(), describe(List.of(cheapest)));
  }

  /** {@code offer 7 (1 × RTX 3060 at 0.07 $/h)}, joined. */
  private static String describe(List<RankedOffer> offers) {
    return offers.stream()
        .map(ranked -> String.format(Locale.ROOT, "offer %d (%d × %s at %.3f $/h)", ranked.offer().id(),
            ranked.offer().numGpus(), ranked.offer().gpuName(), ranked.pricePerHour()))
        .collect(Collectors.joining(", "));
  }
}
