package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files in the repository's {@code config/} folder load cleanly and match the code. */
class ShippedConfigTest {
  private static final Path SHIPPED = Path.of("config");
  private final Path home = Path.of("/home/bot");

  @Test
  void vastbotYamlSpellsOutExactlyTheDefaults() {
    assertEquals(VastbotConfig.defaults(home), ConfigLoader.load(SHIPPED, Map.of(), home));
  }

  @Test
  void notificationHooksLoadWithNoEnvironmentAndAreOff() {
    var hooks = ConfigLoader.loadNotificationHooks(SHIPPED, Map.of());

    assertEquals(NotificationHooks.disabled(), hooks);
  }

  @Test
  void notificationHooksPickUpTheWebhookVariable() {
    var env = Map.of("VASTBOT_ALERT_WEBHOOK", "https://hooks.example.com/x");

    var hooks = ConfigLoader.loadNotificationHooks(SHIPPED, env);

    assertTrue(hooks.instanceUnhealthy().enabled());
    assertTrue(hooks.costWarning().enabled());
  }

  @Test
  void distributedHostsStartsEmptyAndKeepsItsHostsWhenWritten(@TempDir Path copy)
      throws IOException {
    var original = Files.readString(SHIPPED.resolve("distributed_hosts.yaml"));
    Files.writeString(copy.resolve("distributed_hosts.yaml"), original);
    var hosts = ConfigLoader.distributedHosts(copy);
    assertEquals(List.of(), hosts.readVastInstances());

    var entry =
        new VastHostEntry(
            42,
            "vast-42",
            "100.64.1.2",
            "RTX 3090",
            1,
            "running",
            Instant.parse("2025-03-01T00:00:00Z"));
    hosts.writeVastInstances(List.of(entry));

    var written = Files.readString(hosts.path());
    var kept = original.substring(0, original.indexOf("vast_instances: []"));
    assertTrue(written.startsWith(kept), written);
    assertEquals(List.of(entry), hosts.readVastInstances());
  }
}
