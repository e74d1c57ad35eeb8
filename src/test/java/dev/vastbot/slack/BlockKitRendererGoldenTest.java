package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.ListCommand;
import dev.vastbot.chat.command.StatusCommand;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.work.WorkloadTable;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Snapshot tests: the Block Kit message as sent (fallback text and blocks, fitted, serialized as
 * the Slack SDK serializes them) of typical replies, against {@code src/test/resources/slack/<name>.json}, so a
 * layout change shows in review. After a deliberate change, rewrite the files with {@code
 * -Dvastbot.updateGolden=true} and review the diff.
 */
class BlockKitRendererGoldenTest {
  private static final Path GOLDEN_DIR = Path.of("src/test/resources/slack");
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider provider = new FakeGpuProvider()
      .withReachableInstance(101, "RTX 4090")
      .withRunningInstance(102, "RTX 3090")
      .withReachableInstance(103, "A100 <@U1> & co");
  private final FleetSnapshots fleet = FleetSnapshots.uncached(provider, clock);
  private final InMemoryFleetStore store = withOneProvision(new InMemoryFleetStore(), clock);
  private final CommandRouter router = new CommandRouter(List.of(
      new StatusCommand(fleet, store, clock, List.of()),
      new ListCommand(fleet, clock, new WorkloadTable(Map.of(), "square8"))));

  @ParameterizedTest(name = "{0}")
  @CsvSource({"status, /vast status", "list-of-3, /vast list", "error-notice, /vast stauts"})
  void rendersAsItsGoldenFile(String name, String line) throws Exception {
    Reply reply = router.route(line, Caller.console());
    JsonElement rendered = message(reply);
    Path golden = GOLDEN_DIR.resolve(name + ".json");
    if (Boolean.getBoolean("vastbot.updateGolden")) {
      Files.writeString(golden, pretty(rendered) + "\n", StandardCharsets.UTF_8);
    }
    assertEquals(pretty(JsonParser.parseString(read(golden))), pretty(rendered), golden + " differs");
  }

  private static InMemoryFleetStore withOneProvision(InMemoryFleetStore store, MutableClock clock) {
    long operation = store.startOperation("provision", "U123", "2x RTX 4090", clock.instant());
    store.updateOperation(operation, OperationState.SUCCEEDED, "2 new instance(s) running: 101, 103",
        clock.instant());
    return store;
  }

  /** The message as the bot sends it: rendered, then fitted. */
  private static JsonElement message(Reply reply) {
    SlackMessage sent = new BlockKitRenderer().message(reply);
    var message = new JsonObject();
    message.addProperty("text", sent.text());
    message.add("blocks", GsonFactory.createSnakeCase().toJsonTree(sent.blocks()));
    return message;
  }

  private static String pretty(JsonElement json) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }

  private static String read(Path golden) throws IOException {
    return Files.readString(golden, StandardCharsets.UTF_8);
  }
}
