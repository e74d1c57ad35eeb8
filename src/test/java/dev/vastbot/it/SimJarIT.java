package dev.vastbot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vastbot sim} in one process, {@code vastbot p2p-sync} in others, as cron would run them. */
class SimJarIT {
  @TempDir Path dir;

  @Test
  void p2pSync_againstStandaloneSim_updatesHostsFile() throws Exception {
    Process sim = JarProcess.builder(Map.of(), dir, "sim").redirectErrorStream(true).start();
    try {
      Map<String, String> env = new HashMap<>(JarProcess.readValues(sim, List.of("VAST_API_URL", "VAST_API_KEY")));
      Path config = Files.createDirectories(dir.resolve("config"));
      String otherSection = "hosts:\n  coordinator: {ssh_host: 100.64.0.1}  # kept\n";
      Files.writeString(config.resolve("distributed_hosts.yaml"), otherSection);
      Files.writeString(config.resolve("vastbot.yaml"), "provision:\n  poll_interval_seconds: 1\n");
      env.put("VASTBOT_CONFIG_DIR", config.toString());
      env.put("VAST_SSH_KEY", dir.resolve("no-such-key").toString());

      var provisioned = JarProcess.run(env, dir, "", 120,
          "p2p-sync", "--provision", "--gpu-type", "RTX_3090", "--count", "1");
      assertEquals(0, provisioned.exitCode(), provisioned.out() + provisioned.err());
      var synced = JarProcess.run(env, dir, "", 60, "p2p-sync", "--sync");
      assertEquals(0, synced.exitCode(), synced.out() + synced.err());

      String hosts = Files.readString(config.resolve("distributed_hosts.yaml"));
      assertTrue(hosts.startsWith(otherSection), hosts);
      assertTrue(hosts.contains("gpu_type: RTX 3090") || hosts.contains("gpu_type: \"RTX 3090\""), hosts);
      assertTrue(Files.exists(dir.resolve("var/vastbot.db")), "the store's default SQLite file");
      // app.SshSetup's warning lands on stderr and in the log file
      String keyWarning = " WARN dev.vastbot.app.SshSetup - VAST_SSH_KEY: no file at ";
      assertTrue(provisioned.err().contains(keyWarning), provisioned.err());
      assertTrue(Files.readString(dir.resolve("var/log/vastbot.log")).contains(keyWarning));
    } finally {
      sim.destroy();
      sim.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
