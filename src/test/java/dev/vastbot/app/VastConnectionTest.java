package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.ConfigException;
import dev.vastbot.config.VastConfig;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClientSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start-up refuses an API URL that would send the key in clear. Clients built here for accepted
 * URLs other than the simulator's are never called: no test sends traffic beyond 127.0.0.1.
 */
class VastConnectionTest {
  private static final String REFUSAL =
      "VAST_API_URL: http:// is allowed only for a loopback host (127.0.0.0/8, ::1, localhost); "
          + "use https://";

  private final MutableClock clock = MutableClock.atEpochDay();

  private static VastConfig vastAt(String apiUrl) {
    return new VastConfig(URI.create(apiUrl), Duration.ofSeconds(5), 1024 * 1024, 1,
        Duration.ofSeconds(5), Path.of("/nonexistent/key"));
  }

  private void connect(String apiUrl) {
    VastConnection.connect(vastAt(apiUrl), Map.of("VAST_API_KEY", "k-0123456789"), clock,
        clock.pause(), new OkHttpClient());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://console.vast.ai/api/v0",
      "http://10.1.2.3/",
      "http://127.0.0.1.nip.io/api/v0",
      "http://localhost.example.com/api/v0",
      "http://2130706433/api/v0",
      "http://[::2]/api/v0",
      "http://127.0.0.1@example.com/api/v0"})
  void httpToAHostNotLoopbackAsWritten_isRefusedAtStartUp(String apiUrl) {
    var refused = assertThrows(ConfigException.class, () -> connect(apiUrl));
    assertEquals(REFUSAL, refused.getMessage());

    var direct = assertThrows(IllegalArgumentException.class,
        () -> VastClientSettings.defaults(apiUrl, ApiKey.of("k-0123456789")));
    assertEquals(REFUSAL, direct.getMessage());
  }

  @Test
  void theRefusalComesBeforeTheKeyIsAskedFor() {
    var refused = assertThrows(ConfigException.class, () -> VastConnection.connect(
        vastAt("http://10.1.2.3/"), Map.of(), clock, clock.pause(), new OkHttpClient()));
    assertEquals(REFUSAL, refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://console.vast.ai/api/v0",
      "https://10.1.2.3/",
      "http://localhost:1/api/v0",
      "HTTP://LOCALHOST:1/api/v0",
      "http://127.255.0.9:1/api/v0",
      "http://[::1]:1/api/v0",
      "http://[0:0:0:0:0:0:0:1]:1/api/v0"})
  void httpsAnywhere_andHttpToLoopback_areAccepted(String apiUrl) {
    connect(apiUrl); // builds the client only; nothing is sent
  }

  @Test
  void theSimulatorOnLoopback_isAcceptedAndAnswers() {
    var marketplace = new SimMarketplace(clock, SimSettings.defaults());
    try (var sim = SimVastServer.start(marketplace, 0)) {
      var client = VastConnection.connect(vastAt(sim.apiUrl()),
          Map.of("VAST_API_KEY", marketplace.apiKey()), clock, clock.pause(), new OkHttpClient());
      assertTrue(client.currentAccount().balance() > 0);
    }
  }
}
