package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vastbot.fleet.autoscale.Pacing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A group's {@code max_concurrent_replacements}: default 1, read when set, rejected below 0. */
class ConfigReplacementsTest {
  private static final Path HOME = Path.of("/home/bot");
  @TempDir Path configDir;

  @Test
  void defaultsToOne_andIsReadPerGroup() throws IOException {
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            wide: {max_concurrent_replacements: 3}
            plain: {}
            none: {max_concurrent_replacements: 0}
        """);

    var policy = ConfigLoader.load(configDir, Map.of(), HOME).autoscaler();

    assertEquals(3, policy.group("wide").orElseThrow().pacing().maxConcurrentReplacements());
    assertEquals(Pacing.DEFAULT_MAX_CONCURRENT_REPLACEMENTS,
        policy.group("plain").orElseThrow().pacing().maxConcurrentReplacements());
    assertEquals(1, Pacing.DEFAULT_MAX_CONCURRENT_REPLACEMENTS);
    assertEquals(0, policy.group("none").orElseThrow().pacing().maxConcurrentReplacements());
  }

  @Test
  void belowZero_isRejectedWithTheFileTheKeyAndTheValue() throws IOException {
    Path file = Files.writeString(configDir.resolve("vastbot.yaml"),
        "autoscaler: {groups: {selfplay: {max_concurrent_replacements: -1}}}\n");

    var failure = assertThrows(ConfigException.class, () -> ConfigLoader.load(configDir, Map.of(), HOME));

    assertEquals(file + ": autoscaler.groups.selfplay.max_concurrent_replacements: must be at least 0"
        + " (0: no replacements), got -1", failure.getMessage());
    assertFalse(failure.getMessage().contains("\n"));
  }
}
