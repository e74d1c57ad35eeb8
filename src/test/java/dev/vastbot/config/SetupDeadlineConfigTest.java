package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code health.setup_deadline_minutes}: 15 by default, a positive number of minutes, refused otherwise. */
class SetupDeadlineConfigTest {
  @TempDir Path configDir;

  @Test
  void defaultsToFifteenMinutes_andTakesTheConfiguredValue() throws Exception {
    assertEquals(Duration.ofMinutes(15), ConfigLoader.load(configDir, Map.of(), configDir).health().setupDeadline());
    Files.writeString(configDir.resolve("vastbot.yaml"), "health:\n  setup_deadline_minutes: 40\n");
    assertEquals(Duration.ofMinutes(40), ConfigLoader.load(configDir, Map.of(), configDir).health().setupDeadline());
  }

  @Test
  void aDeadlineOfZeroIsRefused_namingTheKey() throws Exception {
    Files.writeString(configDir.resolve("vastbot.yaml"), "health:\n  setup_deadline_minutes: 0\n");
    var refused = assertThrows(ConfigException.class, () -> ConfigLoader.load(configDir, Map.of(), configDir));
    assertTrue(refused.getMessage().contains("setup_deadline_minutes") && refused.getMessage().contains("greater than 0"),
        refused.getMessage());
  }
}
