package dev.vastbot.fleet.autoscale;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A group's warm pool of stopped instances ({@code warm_pool: {size, max_disk_gb,
 * max_stopped_hours}}): a scale-down copies the instance's data home, verified, and then stops it
 * instead of destroying it, up to {@code size}; a scale-up restarts pool members before it rents.
 * A stopped instance bills only its storage, keeps its disk and image, and may lose its GPU to
 * another renter while stopped. Off ({@link #NONE}) unless the team configures it. Pure.
 *
 * @param size most stopped instances kept; 0 is no pool
 * @param maxDiskGb an instance with a larger disk is never kept (its storage costs too much)
 * @param maxStopped a member stopped this long is destroyed (through termination)
 */
public record WarmPool(int size, double maxDiskGb, Duration maxStopped) {
  /** No pool: every scale-down destroys. */
  public static final WarmPool NONE = new WarmPool(0, 0, Duration.ZERO);

  public WarmPool {
    requireNonNull(maxStopped, "maxStopped == null");
    if (size < 0 || maxDiskGb < 0 || maxStopped.isNegative()) {
      throw new IllegalArgumentException("warm pool limits < 0");
    }
  }

  public boolean enabled() {
    return size > 0;
  }

  /** Whether an instance with this disk may be kept stopped. */
  public boolean admits(double diskGb) {
    return enabled() && diskGb <= maxDiskGb;
  }

  /**
   * Whether a member stopped for {@code stoppedFor} is still worth keeping: not past {@link
   * #maxStopped}, and the storage it has billed while stopped is at most what the group pays for
   * the boot time a restart saves (its running price over the difference between a fresh boot and
   * a restart, by the policy's estimate). Past either, it is destroyed through termination.
   *
   * @param storageDph what it bills per hour while stopped, USD
   * @param runningDph what it costs per hour while running, USD
   * @param bootSaved a fresh boot's time less a restart's
   */
  public boolean worthKeeping(Duration stoppedFor, double storageDph, double runningDph, Duration bootSaved) {
    if (!enabled() || stoppedFor.compareTo(maxStopped) >= 0) {
      return false;
    }
    double storageSoFar = storageDph * hours(stoppedFor);
    double saved = runningDph * hours(bootSaved.isNegative() ? Duration.ZERO : bootSaved);
    return storageSoFar <= saved;
  }

  private static double hours(Duration duration) {
    return duration.toMillis() / 3_600_000.0;
  }
}
