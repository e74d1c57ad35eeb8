package dev.vastbot.fleet.autoscale;

/**
 * A group's limits at one moment, after its time-of-day window (if any) applied its overrides.
 *
 * @param window the window's name, or {@link #NO_WINDOW}
 * @param maxInstances the maximum now, never below the group's minimum
 * @param maxPrice the most one instance may cost per hour now
 */
public record ActiveLimits(String window, int maxInstances, double maxPrice) {
  /** The name shown when no window covers the moment. */
  public static final String NO_WINDOW = "default";
}
