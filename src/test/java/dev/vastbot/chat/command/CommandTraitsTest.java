package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * decision, audited), which commands answer at once in Slack, which answer about the caller, and
 * which need no fleet snapshot.
 */
class CommandTraitsTest {

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
    try (Vastbot bot = new Vastbot(BotParts.of(new FakeGpuProvider(), new InMemoryFleetStore(),
        MutableClock.atEpochDay()))) {
      assertFalse(traits(bot, "policy").instant());
      assertFalse(traits(bot, "autoscale --dry-run").instant());
      assertTrue(traits(bot, "cost").instant());
      assertTrue(traits(bot, "status").instant());
      assertTrue(traits(bot, "whoami").instant());
    }
  }

  @Test
  void eachHandlerDeclaresWhetherItIsAnsweredAtOnce_aboutTheCaller_andReadsTheFleet() {
    List<String> atOnce = List.of("help", "help list", "whoami", "status", "list", "list --page 2", "audit", "audit 5",
        "cost", "health", "sync status");
    List<String> slow = List.of("status --fresh", "list --fresh", "health 7", "health --fresh", "sync status --force",
        "offers", "logs 7", "policy", "p2p status", "autoscale --dry-run");
    try (Vastbot bot = new Vastbot(BotParts.of(new FakeGpuProvider(), new InMemoryFleetStore(),
        MutableClock.atEpochDay()))) {
      atOnce.forEach(line -> assertTrue(traits(bot, line).instant(), line + " is answered at once"));
      slow.forEach(line -> assertFalse(traits(bot, line).instant(), line + " needs slow work"));
      List.of("shutdown 7", "approve 3", "autoscale", "sync 7").forEach(line ->
          assertFalse(traits(bot, line).instant(), line + " changes something: never in the acknowledgement"));
      assertTrue(traits(bot, "whoami").personal(), "whoami answers about the caller");
      assertFalse(traits(bot, "status").personal());
      assertFalse(traits(bot, "help").readsFleet(), "help needs no first list");
      assertFalse(traits(bot, "whoami").readsFleet(), "whoami needs no first list");
      assertTrue(traits(bot, "audit").readsFleet());
    }
  }

  @Test
  void aCommandThatChangesSomething_cannotClaimToBeAnsweredAtOnce() {
    var wrong = assertThrows(IllegalArgumentException.class,
        () -> new CommandTraits(Effect.MUTATING, true, false, true));
    assertEquals("only a read-only command is answered at once, not one that is MUTATING", wrong.getMessage());
  }

  private static CommandTraits traits(Vastbot bot, String line) {
    return bot.router().traitsOf((ParsedCommand) bot.router().parse("/vast " + line));
  }
}
