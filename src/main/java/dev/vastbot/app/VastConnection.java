package dev.vastbot.app;

import dev.vastbot.config.ConfigException;
import dev.vastbot.config.VastConfig;
import dev.vastbot.fleet.port.Pause;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastCallObserver;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;

/** Builds the Vast client from config and the environment. */
public final class VastConnection {
  public static final String API_KEY_ENV = "VAST_API_KEY";

  private VastConnection() {}

  /**
   * The client for {@code VAST_API_URL} with {@code VAST_API_KEY}. Refuses to start, before any
   * request, without a key or with an {@code http://} URL to a host that is not loopback (the key
   * would travel in clear).
   */
  public static VastClient connect(VastConfig vast, Map<String, String> env, Clock clock, Pause pause,
      OkHttpClient http) {
    return connect(vast, env, clock, pause, http, VastCallObserver.NONE);
  }

  /**
   * As {@link #connect(VastConfig, Map, Clock, Pause, OkHttpClient)}, telling {@code observer} of
   * every attempt.
   */
  public static VastClient connect(VastConfig vast, Map<String, String> env, Clock clock, Pause pause,
      OkHttpClient http, VastCallObserver observer) {
    String apiUrl = vast.apiUrl().toString();
    try {
      VastClientSettings.requireSafeApiUrl(apiUrl);
    } catch (IllegalArgumentException unsafe) {
      throw new ConfigException(unsafe.getMessage());
    }
    String key = env.get(API_KEY_ENV);
    if (key == null || key.isBlank()) {
      throw new ConfigException(API_KEY_ENV + ": not set; vastbot needs a Vast.ai API key "
          + "(or run `vastbot demo`, or `vastbot sim` and point VAST_API_URL at it)");
    }
    var settings = VastClientSettings.defaults(apiUrl, ApiKey.of(key))
        .withRequestTimeout(vast.requestTimeout())
        .withMaxResponseBytes(vast.maxResponseBytes())
        .withRetries(vast.maxAttempts(), vast.retryBudget())
        .withTime(clock, pause)
        .withObserver(observer);
    return VastClient.create(http, settings);
  }
}
