package dev.vastbot.simulate;

import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.Budget;
import dev.vastbot.fleet.autoscale.DemandSignal;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Hysteresis;
import dev.vastbot.fleet.autoscale.OfferPreference;
import dev.vastbot.fleet.autoscale.OfferPreference.OutbidAction;
import dev.vastbot.fleet.autoscale.Pacing;
import dev.vastbot.fleet.autoscale.Throughput;
import dev.vastbot.sim.CatalogOffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Hand-made markets, policies and traces with round numbers. */
final class SimulationFixtures {
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  static final double DISK_GB = 50;
  static final double GAMES_PER_HOUR = 100;

  private SimulationFixtures() {}

  /** {@code count} RTX 4090 machines at a fixed {@code gpuDph}, storage {@code storageDph}. */
  static Market market(int count, double gpuDph, double storageDph, int hours) {
    var offers = new ArrayList<MarketOffer>();
    for (int index = 0; index < count; index++) {
      var machine =
          new CatalogOffer(
              100 + index, 1000 + index, "RTX 4090", 1, 24564, gpuDph, gpuDph / 2,
              storageDph * 720 / DISK_GB, 0.99, true, "Texas, US", 500, 1000, gpuDph, gpuDph);
      var prices = new double[hours];
      Arrays.fill(prices, gpuDph);
      offers.add(new MarketOffer(100 + index, machine, DISK_GB, prices));
    }
    return Market.of(offers);
  }

  static GroupPolicy group(int min, int max, Budget budget) {
    return new GroupPolicy(
        "test",
        min,
        max,
        DemandSignal.p2pStatus(),
        new Throughput(Map.of("RTX 4090", GAMES_PER_HOUR), GAMES_PER_HOUR),
        new Hysteresis(1.0, 0.25),
        new Pacing(Duration.ofMinutes(15), Duration.ofMinutes(10), 2, 1, Duration.ofMinutes(30), 3),
        new OfferPreference(
            List.of("RTX 4090"), 5.0, 0.9, RentalType.ON_DEMAND, 5.0, OutbidAction.REPLACE, DISK_GB),
        budget,
        List.of());
  }

  static AutoscalerPolicy policy(GroupPolicy group, Budget total) {
    return new AutoscalerPolicy(ZoneOffset.UTC, Duration.ofMinutes(10), total, List.of(group));
  }

  static Budget generous() {
    return new Budget(1_000, 10_000, 100_000);
  }

  /** Hourly rows from {@link #START} with these games. */
  static DemandTrace hourly(double... games) {
    var rows = new ArrayList<TraceRow>();
    for (int hour = 0; hour < games.length; hour++) {
      rows.add(new TraceRow(START.plus(Duration.ofHours(hour)), games[hour]));
    }
    return new DemandTrace("test.csv", rows);
  }

  static SimulationSetup setup(AutoscalerPolicy policy, DemandTrace trace, Market market, Duration boot) {
    return new SimulationSetup(
        policy, policy.groups().get(0), trace, market, boot, 0.10, false, 1.0, 1);
  }
}
