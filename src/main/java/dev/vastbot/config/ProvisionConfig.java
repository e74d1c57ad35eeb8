package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code provision} section of {@code vastbot.yaml}: what a new instance is rented with.
 *
 * <p>{@link #toString()} shows only the names of {@link #env()} and the length of {@link
 * #onstart()}, since both may carry secrets.
 *
 * @param image Docker image ({@code VAST_DEFAULT_IMAGE})
 * @param diskGb disk size in GB
 * @param maxPrice the most one instance may cost, USD per hour ({@code VAST_MAX_PRICE})
 * @param minReliability lowest acceptable host reliability, 0..1
 * @param onstart shell script run when the instance boots, may be empty
 * @param env environment variables set on the instance
 * @param bootTimeout how long a new instance may take to reach running
 * @param pollInterval how often to look while waiting, at most {@code bootTimeout}
 */
public record ProvisionConfig(
    String image,
    double diskGb,
    double maxPrice,
    double minReliability,
    String onstart,
    Map<String, String> env,
    Duration bootTimeout,
    Duration pollInterval) {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ProvisionConfig {
    requireNonNull(image, "image == null");
    requireNonNull(onstart, "onstart == null");
    env = Map.copyOf(env);
    requireNonNull(bootTimeout, "bootTimeout == null");
    requireNonNull(pollInterval, "pollInterval == null");
  }

  static ProvisionConfig read(ConfigSection provision) {
    var image =
        provision
            .text("image", "pytorch/pytorch:2.0", "VAST_DEFAULT_IMAGE")
            .require(name -> !name.isBlank() && !name.matches(".*\\s.*"), "must be an image name");
    var diskGb = provision.decimal("disk_gb", 50).require(gb -> gb > 0, "must be greater than 0");
    var maxPrice =
        provision
            .decimal("max_price", 0.50, "VAST_MAX_PRICE")
            .require(price -> price > 0, "must be greater than 0");
    var minReliability =
        provision
            .decimal("min_reliability", 0.95)
            .require(r -> r >= 0 && r <= 1, "must be between 0 and 1");
    var onstart = provision.text("onstart", "");
    var env = provision.textMap("env");
    for (var name : env.value().keySet()) {
      if (!ENV_NAME.matcher(name).matches()) {
        throw env.problem("'" + name + "' is not a valid environment variable name");
      }
    }
    var bootTimeout =
        provision
            .integer("boot_timeout_seconds", 900)
            .require(s -> s > 0, "must be greater than 0");
    var pollInterval =
        provision
            .integer("poll_interval_seconds", 10)
            .require(s -> s > 0, "must be greater than 0")
            .require(s -> s <= bootTimeout.value(), "must be at most " + bootTimeout.reference());
    provision.rejectUnknownKeys();
    return new ProvisionConfig(
        image.value(),
        diskGb.value(),
        maxPrice.value(),
        minReliability.value(),
        onstart.value(),
        env.value(),
        Duration.ofSeconds(bootTimeout.value()),
        Duration.ofSeconds(pollInterval.value()));
  }

  @Override
  public String toString() {
    return "ProvisionConfig[image="
        + image
        + ", diskGb="
        + diskGb
        + ", maxPrice="
        + maxPrice
        + ", minReliability="
        + minReliability
        + ", onstart=<"
        + onstart.length()
        + " chars>"
        + ", env="
        + new TreeSet<>(env.keySet())
        + ", bootTimeout="
        + bootTimeout
        + ", pollInterval="
        + pollInterval
        + "]";
  }
}
