package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code vast} section of {@code vastbot.yaml}: how to reach the Vast.ai API and the instances.
 *
 * @param apiUrl base URL of the REST API ({@code VAST_API_URL})
 * @param requestTimeout deadline for one HTTP call
 * @param maxResponseBytes the largest API answer read ({@code max_response_mib}); larger fails
 * @param maxAttempts how many times one call is tried in all, at least 1
 * @param retryBudget total time all attempts of one call may take
 * @param sshKey private key for SSH to instances ({@code VAST_SSH_KEY}), {@code ~} expanded
 */
public record VastConfig(
    URI apiUrl,
    Duration requestTimeout,
    int maxResponseBytes,
    int maxAttempts,
    Duration retryBudget,
    Path sshKey) {
  private static final int MIB = 1024 * 1024;

  public VastConfig {
    requireNonNull(apiUrl, "apiUrl == null");
    requireNonNull(requestTimeout, "requestTimeout == null");
    requireNonNull(retryBudget, "retryBudget == null");
    requireNonNull(sshKey, "sshKey == null");
  }

  static VastConfig read(ConfigSection vast, Path homeDir) {
    var apiUrl =
        vast.text("api_url", "https://console.vast.ai/api/v0", "VAST_API_URL")
            .concealed()
            .require(
                HttpUrl::isValid, "must be an http(s) URL like https://console.vast.ai/api/v0");
    var requestTimeout =
        vast.integer("request_timeout_seconds", 30).require(s -> s > 0, "must be greater than 0");
    var maxResponseMib =
        vast.integer("max_response_mib", 16)
            .require(mib -> mib >= 1 && mib <= 1024, "must be between 1 and 1024");
    var maxAttempts = vast.integer("max_attempts", 6).require(n -> n >= 1, "must be at least 1");
    var retryBudget =
        vast.integer("retry_budget_seconds", 60).require(s -> s > 0, "must be greater than 0");
    var sshKey =
        vast.text("ssh_key", "~/.ssh/vast_rsa", "VAST_SSH_KEY")
            .require(key -> !key.isBlank(), "must not be empty");
    vast.rejectUnknownKeys();
    return new VastConfig(
        URI.create(apiUrl.value()),
        Duration.ofSeconds(requestTimeout.value()),
        maxResponseMib.value() * MIB,
        maxAttempts.value(),
        Duration.ofSeconds(retryBudget.value()),
        expandHome(sshKey.value(), homeDir));
  }

  /** {@code ~} and {@code ~/rest} are taken relative to {@code homeDir}; other paths as written. */
  static Path expandHome(String path, Path homeDir) {
    if (path.equals("~")) {
      return homeDir;
    }
    if (path.startsWith("~/")) {
      return homeDir.resolve(path.substring(2));
    }
    return Path.of(path);
  }
}
