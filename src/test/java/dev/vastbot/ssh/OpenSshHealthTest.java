package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.health.HealthClassifier;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.health.HealthThresholds;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.health.ProbeSettings;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health round trip against OpenSSH's own sshd: the real probe script runs in a real login
 * shell (stand-in nvidia-smi and tailscale first in PATH via SetEnv, a real worker process, an
 * orchestrator answering /health), and a rebuilt host's new key is refused and alerted.
 */
class OpenSshHealthTest {
  @TempDir Path dir;
  private final String pattern = "vastbot_openssh_worker_" + ProcessHandle.current().pid();
  private Process worker;
  private HttpServer orchestrator;

  @BeforeEach
  void startWorkerAndOrchestrator() throws Exception {
    OpenSshDaemon.requireInstalled();
    worker = new ProcessBuilder("sh", "-c", "sleep 120; true", pattern).start();
    orchestrator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    orchestrator.createContext("/health", exchange -> {
      byte[] body = "{\"healthy\": true, \"node_id\": \"vast-7\", \"active_peers\": 1, \"total_peers\": 1}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    orchestrator.start();
  }

  @AfterEach
  void stop() throws Exception {
    worker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    orchestrator.stop(0);
  }

  private Path standIns() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin.resolve("nvidia-smi"), "echo '0, 87, 12000, 24564, 66'");
    script(bin.resolve("tailscale"), "echo 100.64.1.2");
    return bin;
  }

  private static void script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void probeOverOpenSsh_isHealthy_andARebuiltHostIsRefused() throws Exception {
    Path clientKey = OpenSshDaemon.keygen(dir.resolve("vast_ed25519"), "ed25519");
    Path authorized = Files.copy(dir.resolve("vast_ed25519.pub"), dir.resolve("authorized_keys"));
    Path hostKey = OpenSshDaemon.keygen(dir.resolve("host_ed25519"), "ed25519");
    Path rebuiltKey = OpenSshDaemon.keygen(dir.resolve("host2_ed25519"), "ed25519");
    int port = OpenSshDaemon.freePort();
    List<String> env = List.of("SetEnv PATH=" + standIns() + ":/usr/bin:/bin RINGRIFT_P2P_PORT="
        + orchestrator.getAddress().getPort());
    var store = new InMemoryFleetStore();
    List<Alert> alerts = new ArrayList<>();
    var clock = MutableClock.atEpochDay();
    var instance = new Instance(7, "x", "RTX 4090", 1, InstanceState.RUNNING, "running", "running",
        "running", "running", null, 0.4, 0.01, 50, false, new HostPort("127.0.0.1", port), null, null);
    try (var shell = MinaRemoteShell.start(SshSettings.defaults(clientKey), store.pins(), clock)) {
      var sweep = new HealthSweep(shell, store, alerts::add, new HealthClassifier(new HealthThresholds(60, 80, 98), new dev.vastbot.ssh.BoundedHostJson()),
          new ProbeSettings(pattern, "echo 12", 8770, "/health"), Duration.ofSeconds(15), clock);
      try (var sshd = OpenSshDaemon.start(dir, port, hostKey, authorized, env)) {
        HostHealth health = sweep.sweep(List.of(instance)).get(0);
        assertEquals(HealthLevel.HEALTHY, health.assessment().level(), health.assessment().summary() + sshd.log());
        var report = health.assessment().report().orElseThrow();
        assertEquals(1, report.workers(), "the probe's command line names the pattern too");
        assertEquals(87.0, report.meanGpuUtilization());
        assertEquals("100.64.1.2", report.tailscaleIp());
        assertEquals(12, report.gamesLastHour());
        assertTrue(store.pins().pinnedKey(7).isPresent());
      }
      try (var rebuilt = OpenSshDaemon.start(dir, port, rebuiltKey, authorized, env)) {
        HostHealth refused = sweep.sweep(List.of(instance)).get(0);
        assertEquals(HealthLevel.UNHEALTHY, refused.assessment().level());
        assertTrue(refused.assessment().reasons().get(0).startsWith("SSH host key changed"),
            refused.assessment().summary());
        assertEquals("host-key:7", alerts.get(0).incident());
        assertEquals(1, refused.streak().consecutiveFailures());
      }
    }
  }
}
