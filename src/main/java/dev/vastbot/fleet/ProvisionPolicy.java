package dev.vastbot.fleet;

import java.time.Duration;
import java.util.Map;

/**
 * How new instances are rented. Built from config ({@code provision} and {@code scaling}).
 *
 * @param maxDph the most one instance may cost per hour (VAST_MAX_PRICE)
 * @param maxInstances the fleet size a provision may not exceed (VAST_AUTOSCALE_MAX)
 * @param bootTimeout how long a new instance may take to reach running
 * @param pollInterval how often to look while waiting for it
 */
public record ProvisionPolicy(
    String image,
    double diskGb,
    double maxDph,
    double minReliability,
    String onstart,
    Map<String, String> env,
    int maxInstances,
    Duration bootTimeout,
    Duration pollInterval) {

  public ProvisionPolicy {
    env = Map.copyOf(env);
  }
}
