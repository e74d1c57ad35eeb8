package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /vast cost} through the router on fakes, and the health loop keeping the ledger it reads. */
class CostCommandTest {
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final FakeGpuProvider provider = new FakeGpuProvider();

  private CommandRouter router(double dailyCap, double monthlyCap) {
    return new CommandRouter(List.of(new CostCommand(FleetSnapshots.uncached(provider, clock), store, clock,
        ZoneOffset.UTC, dailyCap, monthlyCap)), entry -> {}, clock);
  }

  @Test
  void showsSpendForecastsAndCaps_andWarnsOfACapTheForecastPasses() throws InterruptedException {
    provider.withRunningInstance(1, "RTX_4090").withRunningInstance(2, "RTX_4090");  // 2 × $0.40/h
    store.accrueSpend(new Accrual(null, null, clock.instant(), List.of(
        new InstanceSpend(LocalDate.parse("2026-12-10"), 1, 10.0), new InstanceSpend(LocalDate.parse("2026-12-01"), 1,
            90.0))));

    Reply reply = router(15, 1000).route("/vast cost", Caller.cli());

    Table table = (Table) reply.blocks().get(1);
    // today: $10 + $0.80/h × 12 h = $19.60; month: $100 + $0.80/h × (12 + 21 × 24) h = $512.80
    assertEquals(List.of("today", "$10.00", "$19.60", "$15.00", "131 %"), table.rows().get(0));
    assertEquals(List.of("December 2026", "$100.00", "$512.80", "$1000.00", "51 %"), table.rows().get(1));
    List<Notice> notices = reply.blocks().stream().filter(Notice.class::isInstance).map(Notice.class::cast).toList();
    assertEquals(1, notices.size());
    assertEquals(Notice.Level.WARNING, notices.get(0).level());
    assertTrue(notices.get(0).text().contains("daily cap of $15.00"), notices.get(0).text());
    assertFalse(reply.failed());
    String text = new TextRenderer().render(reply);
    assertTrue(text.contains("Spending $0.800/h now"), text);
  }

  @Test
  void theHealthLoopAccruesTheLedger_andCostShowsIt() throws InterruptedException {
    provider.withRunningInstance(1, "RTX_4090");
    provider.withRunningInstance(2, "RTX_4090");
    provider.setState(2, InstanceState.STOPPED);
    try (Vastbot bot = new Vastbot(BotParts.of(provider, store, clock))) {
      var health = bot.loops().stream().filter(loop -> loop.name().equals("health")).findFirst().orElseThrow();
      health.runOnce();
      clock.advance(Duration.ofMinutes(6));
      health.runOnce();

      // 6 minutes: $0.40/h running + $0.01/h storage of the stopped one.
      assertEquals(0.041, store.dailySpend(LocalDate.parse("2026-12-10"), LocalDate.parse("2026-12-10")).get(0)
          .dollars(), 1e-9);
      Reply reply = bot.router().route("/vast cost", Caller.cli());
      assertEquals("$0.04", ((Table) reply.blocks().get(1)).rows().get(0).get(1));
    }
  }
}
