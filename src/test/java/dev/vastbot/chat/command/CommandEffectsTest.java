package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What each command does, as its handler declares it (operators only for a change, approvers for a
 * decision, audited), and which commands answer at once in Slack.
 */
class CommandEffectsTest {

  @Test
  void everyCommandOfTheBot_declaresItsEffect() {
    var expected = new LinkedHashMap<String, Effect>();
    List.of("help", "whoami", "status", "list", "offers", "health", "health 7", "logs 7", "audit", "policy", "cost",
        "sync status", "p2p status", "autoscale --dry-run").forEach(line -> expected.put(line, Effect.READ));
    List.of("provision --gpu-type RTX_4090 --count 1", "keepalive", "restart 7", "stop 7", "shutdown 7",
        "forget-host-key 7", "sync 7", "p2p discover", "p2p restart 7", "scale-up 2", "scale-down", "autoscale")
        .forEach(line -> expected.put(line, Effect.MUTATING));
    List.of("approve 3", "deny 3").forEach(line -> expected.put(line, Effect.APPROVAL));
    try (Vastbot bot = new Vastbot(BotParts.of(new FakeGpuProvider(), new InMemoryFleetStore(),
        MutableClock.atEpochDay()))) {
      var actual = new LinkedHashMap<String, Effect>();
      expected.keySet().forEach(line -> actual.put(line, bot.router().effectOf("/vast " + line).orElseThrow()));
      assertEquals(expected, actual);
      var covered = expected.keySet().stream().map(line -> line.split(" ")[0]).distinct().sorted().toList();
      assertEquals(bot.router().commandNames().stream().sorted().toList(), covered, "every command is in the table");
      assertEquals(Optional.empty(), bot.router().effectOf("/vast stop"), "a line that does not parse has none");
    }
  }

  @Test
  void thePolicyReadsOffersAndTheDemand_soItIsNotAnsweredInTheAcknowledgement() {
    assertFalse(CommandEffects.instant(List.of("policy")));
    assertFalse(CommandEffects.instant(List.of("autoscale", "--dry-run")));
    assertTrue(CommandEffects.instant(List.of("cost")));
    assertTrue(CommandEffects.instant(List.of("status")));
    assertTrue(CommandEffects.instant(List.of("whoami")));
  }
}
