package dev.vastbot.simulate;

import java.util.Random;

/**
 * Hourly price changes of one offer. The sim's marketplace keeps its list prices fixed, so the
 * simulator moves them itself: a seeded multiplicative random walk, each hour the GPU price times
 * {@code exp(0.03 · N(0,1))} (about ±3 % an hour), held inside the range the sim draws that GPU
 * model's prices from ({@code priceLow..priceHigh} per GPU), or inside the offer's own price when
 * that lies outside the range.
 */
final class PriceWalk {
  static final double HOURLY_SIGMA = 0.03;

  private PriceWalk() {}

  /** GPU $/h of the whole machine for each hour {@code 0..hours-1}, starting at {@code start}. */
  static double[] walk(Random random, double start, double low, double high, int hours) {
    var floor = Math.min(low, start);
    var ceiling = Math.max(high, start);
    var prices = new double[Math.max(1, hours)];
    prices[0] = start;
    for (int hour = 1; hour < prices.length; hour++) {
      var next = prices[hour - 1] * Math.exp(HOURLY_SIGMA * random.nextGaussian());
      prices[hour] = Math.min(ceiling, Math.max(floor, next));
    }
    return prices;
  }
}
