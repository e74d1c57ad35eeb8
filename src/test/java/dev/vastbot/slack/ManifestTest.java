package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vastbot.app.Vastbot;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** manifest.yml agrees with the router: every command in the usage hint, interactivity, Socket Mode, scopes. */
class ManifestTest {
  private final JsonNode manifest = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(Path.of("manifest.yml").toFile());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyCommandTheRouterKnows_isInTheSlashCommandsUsageHint() {
    var store = new InMemoryFleetStore();
    var clock = MutableClock.atEpochDay();
    try (var bot = new Vastbot(BotParts.of(new FakeGpuProvider(), store, clock))) {
      JsonNode vast = manifest.path("features").path("slash_commands").get(0);
      assertEquals("/vast", vast.path("command").asText());
      String hint = vast.path("usage_hint").asText();
      List<String> missing = new ArrayList<>();
      for (String name : bot.router().commandNames()) {
        if (!Pattern.compile("(^|[ |])" + Pattern.quote(name) + "([ |]|$)").matcher(hint).find()) {
          missing.add(name);
        }
      }
      assertEquals(List.of(), missing, "commands missing from the usage hint: " + hint);
      assertTrue(hint.length() <= 1000, "Slack's limit on a usage hint");
    }
  }

  @Test
  void interactivitySocketModeAndTheNeededBotScopes_areDeclared() {
    assertTrue(manifest.path("settings").path("interactivity").path("is_enabled").asBoolean());
    assertTrue(manifest.path("settings").path("socket_mode_enabled").asBoolean());
    List<String> scopes = new ArrayList<>();
    manifest.path("oauth_config").path("scopes").path("bot").forEach(s -> scopes.add(s.asText()));
    assertTrue(scopes.containsAll(List.of("commands", "chat:write", "chat:write.public")), scopes.toString());
  }
}
