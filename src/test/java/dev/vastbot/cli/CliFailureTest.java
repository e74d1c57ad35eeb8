package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line, a distinct exit code, and changes nothing. */
class CliFailureTest {
  @TempDir Path dir;

  private Map<String, String> env(String apiUrl, String key) {
    var env = new HashMap<String, String>();
    env.put("VASTBOT_CONFIG_DIR", dir.resolve("config").toString());
    env.put("VASTBOT_DB", "jdbc:sqlite:" + dir.resolve("var/vastbot.db"));
    if (apiUrl != null) {
      env.put("VAST_API_URL", apiUrl);
    }
    if (key != null) {
      env.put("VAST_API_KEY", key);
    }
    return env;
  }

  @Test
  void missingApiKey_isNamed() {
    var run = new CliHarness(env(null, null), dir, Clock.systemUTC()).run("", "p2p-sync", "--check");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("vastbot: VAST_API_KEY: not set"), run.err());
  }

  @Test
  void brokenConfig_namesFileKeyAndProblem() throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/vastbot.yaml"), "scaling:\n  max_instances: -3\n");
    var run = new CliHarness(env(null, "k"), dir, Clock.systemUTC()).run("", "offers");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("vastbot.yaml: scaling.max_instances"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void invalidKey_failsClearly_withoutEchoingTheKey() {
    var marketplace = new SimMarketplace(Clock.systemUTC(), SimSettings.defaults());
    try (var server = SimVastServer.start(marketplace, 0)) {
      var run = new CliHarness(env(server.apiUrl(), "wrong-secret-key-123"), dir, Clock.systemUTC())
          .run("", "offers", "--gpu-type", "RTX_4090");
      assertEquals(1, run.exitCode());
      assertTrue(run.out().contains("Vast refused the API key; check VAST_API_KEY"), run.out());
      assertFalse((run.out() + run.err()).contains("wrong-secret-key-123"));
    }
  }

  @Test
  void unreachableApi_isASpecificFailure() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var env = env("http://127.0.0.1:" + closedPort + "/api/v0", "k");
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/vastbot.yaml"),
        "vast:\n  max_attempts: 2\n  retry_budget_seconds: 5\n");
    var run = new CliHarness(env, dir, Clock.systemUTC()).run("", "offers");
    assertEquals(1, run.exitCode());
    assertTrue(run.out().contains("connection failed"), run.out());
    assertTrue(run.out().contains("gave up after the retry bound (2 attempts, 5 s)"), run.out());
  }

  @Test
  void demo_runsPipedLines_andReportsFailures() {
    var run = new CliHarness(env(null, null), dir, Clock.systemUTC())
        .run("/vast help\n/vast stauts\n", "demo");
    assertEquals(1, run.exitCode(), "one command failed");
    assertTrue(run.out().contains("> /vast help"), run.out());
    assertTrue(run.out().contains("ERROR: Unknown command 'stauts'."), run.out());
    assertTrue(run.out().contains("Try: /vast status"), run.out());
  }
}
