package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.approval.ApprovalRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshot tests of how prompts and alerts look: each message as sent (built, then fitted,
 * serialized as the Slack SDK serializes it) against {@code src/test/resources/slack/<name>.json}.
 * After a deliberate change, rewrite the files with {@code -Dvastbot.updateGolden=true} and review
 * the diff.
 */
class SlackMessagesGoldenTest {
  private static final Path GOLDEN_DIR = Path.of("src/test/resources/slack");
  private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");
  private static final ApprovalRequest TERMINATION = ApprovalRequest.pending(12, "terminate", "vast-7", "U0ALICE",
      "vast-7 (RTX 4090, running): idle <@U1> *all day*; saves $9.60/day; copies data first", AT,
      AT.plusSeconds(1800));
  private static final ApprovalRequest PROVISION = ApprovalRequest.pending(13, "provision", "2x RTX_4090",
      "cli:bob", "provision 2x RTX_4090: $2.40/h is over the $2.00/h that needs no approval", AT, AT.plusSeconds(1800));
  private static final Map<String, Supplier<SlackMessage>> MESSAGES = Map.ofEntries(
      Map.entry("prompt-asked", () -> prompt(false).asked()),
      Map.entry("prompt-asked-forced", () -> prompt(true).asked()),
      Map.entry("prompt-asked-provision", () -> new ApprovalPromptMessages(PROVISION, false).asked()),
      Map.entry("prompt-approved", () -> prompt(false).decided("U0BOSS", ApprovalDecision.APPROVED)),
      Map.entry("prompt-approved-by-policy",
          () -> prompt(false).decided("policy:health.unattended_idle_shutdown", ApprovalDecision.APPROVED)),
      Map.entry("prompt-progress", () -> prompt(false).progress("syncing: 3 of 12 files, 120 MB of 600 MB")),
      Map.entry("prompt-expired", () -> prompt(false).expired()),
      Map.entry("prompt-destroyed", () -> prompt(false).ended(ended(OperationState.SUCCEEDED))),
      Map.entry("prompt-destroyed-forced", () -> prompt(true).ended(ended(OperationState.SUCCEEDED))),
      Map.entry("prompt-stopped", () -> prompt(false).ended(ended(OperationState.NEEDS_ATTENTION))),
      Map.entry("alert-post", () -> AlertMessages.post(new Alert(Alert.Severity.CRITICAL, "unhealthy:7",
          "vast-7 failed 3 health checks: nvidia-smi: <!channel> *GPU lost*"))),
      Map.entry("alert-resolved", () -> AlertMessages.resolved("vast-7 is healthy again")));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prompt-asked", "prompt-asked-forced", "prompt-asked-provision", "prompt-approved",
      "prompt-approved-by-policy", "prompt-progress", "prompt-expired", "prompt-destroyed", "prompt-destroyed-forced",
      "prompt-stopped", "alert-post", "alert-resolved"})
  void looksAsItsGoldenFile(String name) throws Exception {
    SlackMessage sent = BlockKitLimits.fit(MESSAGES.get(name).get());
    BlockKitTexts.assertMessageWithinLimits(sent, Set.of("U0ALICE", "U0BOSS"));
    var message = new JsonObject();
    message.addProperty("text", sent.text());
    message.add("blocks", GsonFactory.createSnakeCase().toJsonTree(sent.blocks()));
    Path golden = GOLDEN_DIR.resolve(name + ".json");
    if (Boolean.getBoolean("vastbot.updateGolden")) {
      Files.writeString(golden, pretty(message) + "\n", StandardCharsets.UTF_8);
    }
    assertEquals(pretty(JsonParser.parseString(Files.readString(golden, StandardCharsets.UTF_8))), pretty(message),
        golden + " differs");
  }

  private static ApprovalPromptMessages prompt(boolean withoutCopy) {
    return new ApprovalPromptMessages(TERMINATION, withoutCopy);
  }

  private static Operation ended(OperationState state) {
    String detail = state == OperationState.SUCCEEDED ? "destroyed; Vast no longer lists it"
        : "sync not verified (unreachable: ssh: connect to host 10.0.0.7 port 22: Connection refused); not destroyed";
    return new Operation(12, "terminate", "U0ALICE", "vast-7", state, detail, AT, AT.plusSeconds(600));
  }

  private static String pretty(JsonElement json) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }
}
