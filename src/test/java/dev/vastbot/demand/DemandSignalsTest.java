package dev.vastbot.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.Budget;
import dev.vastbot.fleet.autoscale.DemandSignal;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Hysteresis;
import dev.vastbot.fleet.autoscale.OfferPreference;
import dev.vastbot.fleet.autoscale.Pacing;
import dev.vastbot.fleet.autoscale.Throughput;
import dev.vastbot.fleet.port.DemandReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demand signals a group reads, each against the real thing: a file, a command run by the
 * shell, an HTTP server on loopback answering JSON. A reading is one finite, non-negative number;
 * anything else is a clear "unavailable" that quotes little and escapes it.
 */
class DemandSignalsTest {
  @TempDir Path dir;
  private HttpServer server;
  private volatile int status = 200;
  private volatile String body = "{}";
  private final DemandSignals signals = new DemandSignals(null, new OkHttpClient(), Duration.ofSeconds(5),
      Duration.ofSeconds(2));

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aFileHoldsOneNumber() throws Exception {
    Path queue = dir.resolve("queue");
    Files.writeString(queue, "  1250\n");

    assertEquals(1250, read(new DemandSignal(DemandSignal.Source.FILE, queue.toString(), "")));
  }

  @Test
  void aMissingFile_text_aNegativeOrAnInfiniteNumber_andAHugeFileAreUnavailable() throws Exception {
    Path queue = dir.resolve("queue");
    var file = new DemandSignal(DemandSignal.Source.FILE, queue.toString(), "");

    assertTrue(unavailable(file).contains(queue + " does not exist"));
    Files.writeString(queue, "lots\u001b[2J");
    String text = unavailable(file);
    assertTrue(text.contains("is not a number: \"lots\\x1b[2J\""), text);
    Files.writeString(queue, "-5");
    assertTrue(unavailable(file).contains("gave -5.0, not a count of games"));
    Files.writeString(queue, "Infinity");
    assertTrue(unavailable(file).contains("not a count of games"));
    Files.write(queue, new byte[200_000]);
    assertTrue(unavailable(file).contains("is larger than 64 KiB"));
  }

  @Test
  void aCommandPrintsTheNumber_aFailingOrSlowOneIsUnavailable() throws Exception {
    assertEquals(42, read(new DemandSignal(DemandSignal.Source.COMMAND, "echo 42", "")));
    assertTrue(unavailable(new DemandSignal(DemandSignal.Source.COMMAND, "echo broken >&2; exit 3", ""))
        .contains("the demand command exited 3: broken"));
    assertTrue(unavailable(new DemandSignal(DemandSignal.Source.COMMAND, "sleep 30", ""))
        .contains("did not finish within 2000 ms"));
  }

  @Test
  void anHttpEndpointAnswersJson_withTheNumberAtThePointer() throws Exception {
    body = "{\"queue\": {\"pending\": 730, \"running\": 12}}";

    assertEquals(730, read(http("/queue/pending")));
    assertTrue(unavailable(http("/queue/missing")).contains("has no number at /queue/missing (missing)"));
    body = "{\"queue\": {\"pending\": \"many\"}}";
    assertTrue(unavailable(http("/queue/pending")).contains("(string)"));
    status = 503;
    String refused = unavailable(http("/queue/pending"));
    assertTrue(refused.contains("answered HTTP 503"), refused);
    assertFalse(refused.contains("secret-token"), "the query, which may hold a token, is not shown: " + refused);
  }

  private DemandSignal http(String pointer) {
    return new DemandSignal(DemandSignal.Source.HTTP_JSON,
        "http://127.0.0.1:" + server.getAddress().getPort() + "/queue?token=secret-token", pointer);
  }

  private double read(DemandSignal signal) throws InterruptedException {
    return signals.queuedGames(group(signal));
  }

  private String unavailable(DemandSignal signal) {
    return assertThrows(DemandReader.Unavailable.class, () -> read(signal)).getMessage();
  }

  private static GroupPolicy group(DemandSignal signal) {
    return new GroupPolicy("g", 0, 2, signal, new Throughput(Map.of(), 100), new Hysteresis(1.0, 0.25),
        new Pacing(Duration.ZERO, Duration.ZERO, 1, 1, Duration.ofMinutes(30), 3),
        new OfferPreference(List.of(), 1.0, 0.9, RentalType.ON_DEMAND, 1.0,
            OfferPreference.OutbidAction.REPLACE, 50),
        new Budget(10, 100, 1000), List.of());
  }
}
