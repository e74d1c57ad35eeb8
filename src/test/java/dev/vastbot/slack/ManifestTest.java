package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vastbot.app.Vastbot;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** manifest.yml agrees with the router: every command in the usage hint, interactivity, Socket Mode, scopes. */
class ManifestTest {
  private final JsonNode manifest = read("manifest.yml");

  private static JsonNode read(String file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(Path.of(file).toFile());
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
    assertTrue(manifest.path("features").path("app_home").path("messages_tab_enabled").asBoolean(),
        "a requester is told by a direct message from the app");
  }

  /** The Web API methods the bot calls (through the SDK's MethodsClient) and the bot scope each needs. */
  private static final Map<String, List<String>> SCOPES_BY_CALL = Map.of(
      "chatPostMessage", List.of("chat:write"),
      "chatUpdate", List.of("chat:write"),
      "filesUploadV2", List.of("files:write"),
      "conversationsList", List.of("channels:read", "groups:read"),
      "usergroupsUsersList", List.of("usergroups:read"),
      "authTest", List.of());

  @Test
  void theManifestAsksForExactlyTheScopesTheCodeUses() throws Exception {
    var called = new TreeSet<String>();
    // every Web API call goes through a MethodsClient named client, in the Slack adapter
    try (var sources = Files.walk(Path.of("src/main/java/dev/vastbot/slack"))) {
      for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher call = Pattern.compile("\\bclient(?:\\(\\))?\\.([a-z]\\w*)\\(").matcher(Files.readString(file));
        while (call.find()) {
          called.add(call.group(1));
        }
      }
    }
    assertTrue(called.contains("chatPostMessage"), "the scan finds the calls: " + called);
    assertTrue(SCOPES_BY_CALL.keySet().containsAll(called), "a Web API call this test does not know: " + called);
    var needed = new TreeSet<String>(List.of("commands"));
    called.forEach(method -> needed.addAll(SCOPES_BY_CALL.get(method)));
    for (JsonNode each : List.of(manifest, read("manifest-http.yml"))) {
      var declared = new TreeSet<String>();
      each.path("oauth_config").path("scopes").path("bot").forEach(scope -> declared.add(scope.asText()));
      assertEquals(needed, declared, "the bot scopes");
    }
  }

  @Test
  void theHttpModeManifest_isTheSameAppWithRequestUrlsAndNoSocketMode() {
    JsonNode http = read("manifest-http.yml");
    assertFalse(http.path("settings").path("socket_mode_enabled").asBoolean(true));
    String url = http.path("settings").path("interactivity").path("request_url").asText();
    assertTrue(url.startsWith("https://") && url.endsWith("/slack/events"), url);
    JsonNode command = http.path("features").path("slash_commands").get(0);
    assertEquals(url, command.path("url").asText());
    assertEquals(manifest.path("features").path("slash_commands").get(0).path("usage_hint"),
        command.path("usage_hint"));
  }
}
