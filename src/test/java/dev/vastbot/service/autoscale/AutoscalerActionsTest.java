package dev.vastbot.service.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.service.work.Keepalive;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scale-up the budget stops asks a person once per group, with its cost, and once approved rents
 * at the group's price ceiling (above {@code provision.max_price}, which is for people); one
 * approved in an interruptible group rents as the group does (with its bid) and is the group's; a
 * replacement the budget stops asks nothing, since an approved provision would not know what it
 * replaces; an offer someone else takes while the autoscaler rents is replaced by the next best.
 */
class AutoscalerActionsTest {
  @TempDir Path dir;
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withOffer(12, "RTX 4090", 1.20, 0.99);
  /** scaling.max_instances 10: the fleet's cap holds for the autoscaler's rents too, and is not what these test. */
  private final ProvisionPolicy provision = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
      Duration.ofMinutes(5), Duration.ofSeconds(10));

  @Test
  void aScaleUpOverBudgetAsksOnce_andOnceApprovedRentsAtTheGroupsCeiling() throws Exception {
    try (Vastbot bot = bot(2, 3)) {
      String tick = run(bot, "/vast autoscale");
      assertTrue(tick.contains("selfplay-4090: needs approval: 1 instances below the minimum 2"), tick);
      long request = Long.parseLong(Pattern.compile("asked for approval: provision (\\d+)").matcher(tick).results()
          .findFirst().orElseThrow().group(1));
      assertTrue(store.approvalRequest(request).orElseThrow().summary().contains("$1.20/h"), "the cost is shown");
      String again = run(bot, "/vast autoscale");
      assertTrue(again.contains("provision " + request + " already awaits approval"), again);

      String approved = run(bot, "approve " + request);

      assertTrue(approved.contains("1 new instance(s) running."), approved);
      assertEquals(2, vast.listInstances().size());
    }
  }

  @Test
  void anApprovedScaleUpOfAnInterruptibleGroup_bidsAsTheGroupDoes_andItsInstanceIsTheGroups() throws Exception {
    try (Vastbot bot = bot(2, 3, 20, "rental: interruptible\n      bid_ceiling: 1.5")) {
      String tick = run(bot, "/vast autoscale");
      long request = Long.parseLong(Pattern.compile("asked for approval: provision (\\d+)").matcher(tick).results()
          .findFirst().orElseThrow().group(1));

      String approved = run(bot, "approve " + request);

      assertTrue(approved.contains("1 new instance(s) running."), approved);
      String create = vast.calls().stream().filter(call -> call.startsWith("create 12 ")).findFirst().orElseThrow();
      assertTrue(create.contains(" bid "), "an interruptible rent carries its bid: " + create);
      long rented = vast.listInstances().stream().mapToLong(dev.vastbot.fleet.Instance::id).filter(id -> id != 1)
          .findFirst().orElseThrow();
      assertEquals("selfplay-4090", store.autoscaleGroups().get(rented), "recorded as the group's");
    }
  }

  @Test
  void aReplacementOverBudgetAsksNoApproval_andSaysWhatToDo() throws Exception {
    store.startOperation(Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot bot = bot(1, 2)) {
      String tick = run(bot, "/vast autoscale");

      assertTrue(tick.contains("selfplay-4090: needs approval: vast-1 marked for replacement"), tick);
      assertTrue(tick.contains("no approval asked: replacing vast-1 would pass the budget"), tick);
      assertEquals(List.of(), store.openOperations("provision"), "no provision request: " + tick);
      assertEquals(1, vast.listInstances().size());
    }
  }

  @Test
  void anOfferTakenWhileRenting_isReplacedByTheNextBestWithinTheSameTick() throws Exception {
    vast.withOffer(13, "RTX 4090", 0.40, 0.99).withOffer(14, "RTX 4090", 0.45, 0.99);
    vast.takeOffer(13); // still listed, gone when rented: someone else was faster
    try (Vastbot bot = bot(2, 3, 1000)) {
      String tick = run(bot, "/vast autoscale");

      assertTrue(tick.contains("offer 13 was taken; trying the next one"), tick);
      assertTrue(tick.contains("rented 1 of 1"), "the next best, in the same tick: " + tick);
      assertEquals(2, vast.listInstances().size(), tick);
      assertTrue(vast.calls().stream().anyMatch(call -> call.startsWith("create 14 ")), vast.calls().toString());
    }
  }

  /** One group of RTX 4090s up to 2 $/h each, under a daily cap of 20 $ that the 1.20 $/h offer passes. */
  private Vastbot bot(int min, int max) throws Exception {
    return bot(min, max, 20);
  }

  private Vastbot bot(int min, int max, double dailyUsd) throws Exception {
    return bot(min, max, dailyUsd, "");
  }

  /** @param more more keys of the group, YAML at six spaces' indent after the first line */
  private Vastbot bot(int min, int max, double dailyUsd, String more) throws Exception {
    Files.writeString(dir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay-4090:
              min_instances: %d
              max_instances: %d
              gpu_types: [RTX 4090]
              max_price: 2.0
              budget: {daily_usd: %s, monthly_usd: 100000}
              demand: {source: file, file: %s}
              %s
        """.formatted(min, max, dailyUsd, dir.resolve("queue"), more));
    return new Vastbot(BotParts.of(ConfigLoader.load(dir, Map.of(), dir), provision, vast, store, clock));
  }

  private static String run(Vastbot bot, String line) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.console()));
  }
}
