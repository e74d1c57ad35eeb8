package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code p2p-sync} run as the CLI runs it, against the simulated Vast API over HTTP. */
class P2pSyncCommandTest {
  private static final String OTHER_SECTIONS = """
      # hand-written cluster config
      hosts:
        mac-studio:   {ssh_host: 100.64.0.10, role: coordinator}   # keep this comment
        vast-1:
          ssh_host: 127.0.0.1
          status: ready

      p2p_voters: [mac-studio]
      """;

  @TempDir Path dir;
  private SimMarketplace marketplace;
  private SimVastServer server;
  private CliHarness cli;

  @BeforeEach
  void start() throws Exception {
    marketplace = new SimMarketplace(Clock.systemUTC(),
        SimSettings.defaults().withBootDelays(Duration.ZERO, Duration.ZERO));
    server = SimVastServer.start(marketplace, 0);
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("vastbot.yaml"), "provision:\n  poll_interval_seconds: 1\n");
    Files.writeString(config.resolve("distributed_hosts.yaml"), OTHER_SECTIONS);
    cli = new CliHarness(Map.of(
        "VAST_API_URL", server.apiUrl(),
        "VAST_API_KEY", marketplace.apiKey(),
        "VASTBOT_CONFIG_DIR", config.toString(),
        "VASTBOT_DB", "jdbc:sqlite:" + dir.resolve("var/vastbot.db")), dir, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void provision_thenSync_writesVastInstances_andLeavesOtherSectionsAsTheyWere() throws Exception {
    var provisioned = cli.run("", "p2p-sync", "--provision", "--gpu-type", "RTX_4090", "--count", "2");
    assertEquals(0, provisioned.exitCode(), provisioned.out() + provisioned.err());
    assertTrue(provisioned.out().contains("OK: 2 new instance(s) running."), provisioned.out());

    var synced = cli.run("", "p2p-sync", "--sync");
    assertEquals(0, synced.exitCode(), synced.err());
    assertTrue(synced.out().contains("vast_instances updated: 2 listed, 2 new, 0 no longer listed"),
        synced.out());

    Path hostsFile = dir.resolve("config/distributed_hosts.yaml");
    String written = Files.readString(hostsFile);
    assertTrue(written.startsWith(OTHER_SECTIONS), "other sections must be byte-identical:\n" + written);
    JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(written);
    JsonNode entries = yaml.get("vast_instances");
    assertEquals(2, entries.size(), written);
    for (JsonNode entry : entries) {
      long id = entry.get("id").asLong();
      assertEquals("vast-" + id, entry.get("hostname").asText());
      assertEquals("RTX 4090", entry.get("gpu_type").asText());
      assertEquals(1, entry.get("gpu_count").asInt());
      assertEquals("running", entry.get("status").asText());
      assertFalse(entry.get("last_seen").asText().isEmpty());
      assertTrue(marketplace.instance(id).isPresent());
    }
  }

  @Test
  void destroyedInstance_staysListed_markedGone() throws Exception {
    cli.run("", "p2p-sync", "--provision", "1", "--gpu-type", "RTX_3090");
    cli.run("", "p2p-sync", "--sync");
    long id = marketplace.instances().get(0).id();
    var destroy = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.apiUrl() + "/instances/" + id + "/"))
            .header("Authorization", "Bearer " + marketplace.apiKey()).DELETE().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, destroy.statusCode());

    var synced = cli.run("", "p2p-sync", "--update-config");
    assertTrue(synced.out().contains("0 listed, 0 new, 1 no longer listed"), synced.out());
    String written = Files.readString(dir.resolve("config/distributed_hosts.yaml"));
    assertTrue(written.contains("status: gone") || written.contains("status: \"gone\""), written);
  }

  @Test
  void check_isTheDefault_andListsInstances() {
    cli.run("", "p2p-sync", "--provision", "1", "--gpu-type", "RTX_4090");
    var checked = cli.run("", "p2p-sync");
    assertEquals(0, checked.exitCode(), checked.err());
    assertTrue(checked.out().contains("Instances (1, as of "), checked.out());
    assertTrue(checked.out().contains("vastbot:op1-1"), checked.out());
  }

  @Test
  void provisionWithoutGpuType_isAUsageError_andRentsNothing() {
    var run = cli.run("", "p2p-sync", "--provision", "2");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--provision needs --gpu-type"), run.err());
    assertTrue(marketplace.instances().isEmpty());
  }

  @Test
  void dryRun_showsOffers_andRentsNothing() {
    var run = cli.run("", "p2p-sync", "--provision", "2", "--gpu-type", "RTX_4090", "--dry-run");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Offers for RTX 4090"), run.out());
    assertTrue(marketplace.instances().isEmpty());
  }
}
