package dev.vastbot.fleet.autoscale;

/**
 * When to scale, in backlog hours: the demand divided by the group's throughput (games queued /
 * games per hour of all its instances). Above {@code scaleUpHours} the group grows, below {@code
 * scaleDownHours} it may shrink, in between it holds.
 */
public record Hysteresis(double scaleUpHours, double scaleDownHours) {

  public Hysteresis {
    if (!(scaleDownHours >= 0)) {
      throw new IllegalArgumentException("scaleDownHours < 0: " + scaleDownHours);
    }
    if (!(scaleUpHours > scaleDownHours)) {
      throw new IllegalArgumentException(
          "scaleUpHours " + scaleUpHours + " <= scaleDownHours " + scaleDownHours);
    }
  }
}
