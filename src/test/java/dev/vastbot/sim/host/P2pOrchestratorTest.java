package dev.vastbot.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.testing.Eventually;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The P2P orchestrator stand-in, started and queried over SSH like vast_p2p_manager.py does. */
class P2pOrchestratorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HEALTH = "curl -s -m 2 localhost:$RINGRIFT_P2P_PORT/health";
  static final String STATUS = "curl -s -m 2 localhost:$RINGRIFT_P2P_PORT/status";

  /** Shorter heartbeat and peer timeout than the defaults (2 s, 6 s), to keep the test short. */
  static final String QUICK_PEERS =
      "export SIM_P2P_HEARTBEAT_SECONDS=0.5 SIM_P2P_PEER_TIMEOUT=1.5; ";

  @TempDir Path root;
  FleetFixture fixture;

  @BeforeEach
  void fleet() {
    fixture = new FleetFixture(root);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  static String start(long id, String peers) {
    return "cd ~/ringrift/ai-service && . venv/bin/activate && PYTHONPATH=. nohup python3"
        + " scripts/p2p_orchestrator.py --node-id vast-"
        + id
        + " --port $RINGRIFT_P2P_PORT"
        + (peers.isEmpty() ? "" : " --peers " + peers)
        + " > logs/p2p_orchestrator.log 2>&1 &";
  }

  @Test
  void healthIsServedOnTheP2pPortAndTurnsUnhealthyWhenTheDiskIsFull() {
    SimHost host = fixture.attach(51, "A100 SXM4", 1);
    try (HostShell shell = fixture.shell(host)) {
      shell.ok(start(51, ""));
      JsonNode health =
          Eventually.await(
              "healthy", () -> json(shell.run(HEALTH).out()), h -> h.path("healthy").asBoolean());
      assertEquals("vast-51", health.get("node_id").asText());
      assertEquals("leader", health.get("role").asText());
      assertEquals("vast-51", health.get("leader_id").asText());
      assertEquals(0, health.get("selfplay_jobs").asInt());
      for (String field :
          new String[] {
            "disk_percent",
            "memory_percent",
            "cpu_percent",
            "gpu_percent",
            "gpu_memory_percent",
            "training_jobs",
            "leader_last_seen_seconds",
            "active_peers",
            "total_peers",
            "uptime_seconds",
            "timestamp"
          }) {
        assertTrue(health.get(field).isNumber(), field + " in " + health);
      }
      host.faults().diskFull(true);
      JsonNode full =
          Eventually.await(
              "unhealthy",
              () -> json(shell.run(HEALTH).out()),
              h -> h.has("healthy") && !h.get("healthy").asBoolean());
      assertEquals(99.0, full.get("disk_percent").asDouble());

      shell.ok(SelfPlayWorkerTest.START_WORKER);
      Eventually.await(
          "a self-play job",
          () -> json(shell.run(HEALTH).out()),
          h -> h.path("selfplay_jobs").asInt() == 1);

      assertEquals(1, host.faults().orchestratorDown());
      Eventually.await("no answer", () -> shell.run(HEALTH).exit(), exit -> exit != 0);
      assertEquals("0", shell.run("pgrep -c -f p2p_orchestrator.py").line());
    }
  }

  @Test
  void hostsGivenAsPeersByTailscaleIpSeeEachOtherAlive() {
    SimHost low = fixture.attach(61, "RTX 4090", 1);
    SimHost high = fixture.attach(62, "H100 SXM", 1);
    try (HostShell lowShell = fixture.shell(low);
        HostShell highShell = fixture.shell(high)) {
      lowShell.ok(QUICK_PEERS + start(61, high.tailscaleIp() + ":8770"));
      highShell.ok(QUICK_PEERS + start(62, low.tailscaleIp() + ":8770"));
      JsonNode status =
          Eventually.await(
              "peer alive",
              () -> json(lowShell.run(STATUS).out()),
              s -> s.path("alive_peers").asInt() == 1);
      JsonNode peer = status.get("peers").get("vast-62");
      assertTrue(peer.get("is_alive").asBoolean(), status.toString());
      assertEquals(high.tailscaleIp(), peer.get("tailscale_ip").asText());
      assertEquals("NVIDIA H100 80GB HBM3", peer.get("gpu_name").asText());
      assertEquals("vast-62", status.get("leader_id").asText());
      assertEquals("follower", status.get("role").asText());
      assertEquals(low.tailscaleIp(), status.get("self").get("tailscale_ip").asText());
      Eventually.await(
          "leader sees follower",
          () -> json(highShell.run(HEALTH).out()),
          h -> h.path("active_peers").asInt() == 1 && "leader".equals(h.path("role").asText()));

      high.faults().orchestratorDown();
      Eventually.await(
          "dead peer",
          () -> json(lowShell.run(STATUS).out()),
          s ->
              s.path("alive_peers").asInt() == 0 && "vast-61".equals(s.path("leader_id").asText()));
    }
  }

  @Test
  void addPeerAndCleanShutdownOnSigterm() {
    SimHost host = fixture.attach(71, "RTX 3090", 1);
    try (HostShell shell = fixture.shell(host)) {
      shell.ok(start(71, ""));
      Eventually.await("up", () -> json(shell.run(HEALTH).out()), h -> h.has("healthy"));
      String answer =
          shell.ok(
              "curl -s -m 2 -X POST -H 'Content-Type: application/json' -d"
                  + " '{\"node_id\":\"vast-99\",\"address\":\"100.64.250.250\",\"port\":8770}'"
                  + " localhost:$RINGRIFT_P2P_PORT/admin/add_peer");
      assertTrue(json(answer).get("success").asBoolean(), answer);
      JsonNode status = json(shell.ok(STATUS));
      assertFalse(
          status.get("peers").get("vast-99").get("is_alive").asBoolean(), status.toString());
      assertEquals(1, json(shell.ok(HEALTH)).get("total_peers").asInt());

      shell.ok("pkill -f p2p_orchestrator.py");
      Eventually.await(
          "stopped",
          () -> shell.ok("cat ~/ringrift/ai-service/logs/p2p_orchestrator.log"),
          log -> log.contains("stopped"));
    }
  }

  /** The JSON in {@code text}; an empty or unparseable answer gives an object without fields. */
  static JsonNode json(String text) {
    try {
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode().put("unparseable", text);
    }
  }
}
