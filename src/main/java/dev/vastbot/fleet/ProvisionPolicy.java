package dev.vastbot.fleet;

import java.time.Duration;
import java.util.Map;

/**
 * How new instances are rented. Built from config ({@code provision}, {@code scaling} and {@code
 * slack.provision_approval_usd_per_hour}).
 *
 * @param maxDph the most one instance may cost per hour (VAST_MAX_PRICE)
 * @param maxInstances the fleet size a provision may not exceed (VAST_AUTOSCALE_MAX)
 * @param bootTimeout how long a new instance may take to reach running
 * @param pollInterval how often to look while waiting for it
 * @param approvalUsdPerHour a person's provision that would add more than this per hour (USD) asks
 *     an approver first
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
    Duration pollInterval,
    double approvalUsdPerHour) {

  /** {@code slack.provision_approval_usd_per_hour}'s default. */
  public static final double DEFAULT_APPROVAL_USD_PER_HOUR = 2.00;

  public ProvisionPolicy {
    env = Map.copyOf(env);
    if (!(approvalUsdPerHour > 0) || Double.isInfinite(approvalUsdPerHour)) {
      throw new IllegalArgumentException("approvalUsdPerHour must be a finite amount > 0: " + approvalUsdPerHour);
    }
  }

  /** A policy whose provisions ask for approval above the default $2.00/h. */
  public ProvisionPolicy(String image, double diskGb, double maxDph, double minReliability, String onstart,
      Map<String, String> env, int maxInstances, Duration bootTimeout, Duration pollInterval) {
    this(image, diskGb, maxDph, minReliability, onstart, env, maxInstances, bootTimeout, pollInterval,
        DEFAULT_APPROVAL_USD_PER_HOUR);
  }
}
