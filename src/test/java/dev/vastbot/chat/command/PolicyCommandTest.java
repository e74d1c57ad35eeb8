package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import org.junit.jupiter.api.Test;

class PolicyCommandTest {

  @Test
  void policy_showsEveryGroup_withItsLimitsNow() throws Exception {
    var clock = MutableClock.atEpochDay();
    try (var bot = new Vastbot(BotParts.of(new FakeGpuProvider(), new InMemoryFleetStore(), clock))) {
      String reply = new TextRenderer().render(bot.router().route("/vast policy", Caller.console()));
      assertTrue(reply.startsWith("Autoscaler policy (1 group(s), UTC)"), reply);
      assertTrue(reply.contains("selfplay"), reply);
    }
  }
}
