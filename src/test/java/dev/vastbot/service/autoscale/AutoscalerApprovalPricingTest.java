package dev.vastbot.service.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.sim.SimMarketplace;
import dev.vastbot.sim.SimSettings;
import dev.vastbot.sim.SimVastServer;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.vast.ApiKey;
import dev.vastbot.vast.VastClient;
import dev.vastbot.vast.VastClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaler's provision requests against the simulated marketplace over HTTP, on a test
 * clock: an approval is re-priced when it is given (a price jump since the request rents nothing
 * and asks again, with the old and the new cost; within the approved amount it rents); a need
 * priced otherwise supersedes the group's pending request, the same need reuses it.
 *
 * <p>The group takes RTX 3060s (0.05 $/h per GPU and up in the simulated market; RTX 4090s where
 * three offers are needed) under a daily cap of 0.50 $, which at noon holds at most 0.02 $/h: every
 * scale-up asks for approval.
 */
class AutoscalerApprovalPricingTest {
  private static final Pattern ASKED = Pattern.compile("asked for approval: provision (\\d+)");
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private final SimMarketplace marketplace = new SimMarketplace(clock, SimSettings.defaults());
  private final SimVastServer server = SimVastServer.start(marketplace, 0);
  private final VastClient vast = VastClient.create(new OkHttpClient(), 
      VastClientSettings.defaults(server.apiUrl(), ApiKey.of(marketplace.apiKey())).withTime(clock, clock.pause()));
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final ProvisionPolicy provision = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
      Duration.ofMinutes(10), Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPriceJumpBetweenRequestAndApproval_rentsNothing_andAsksAgainWithTheOldAndNewCost() throws Exception {
    try (Vastbot bot = bot("RTX 3060", 1, "")) {
      String tick = run(bot, "/vast autoscale");
      long first = asked(tick);
      marketplace.setPriceFactor(2.5);

      String approved = run(bot, "approve " + first);

      assertTrue(approved.contains("nothing was rented under provision " + first + ": the price rose from $"),
          approved);
      long second = Long.parseLong(Pattern.compile("Provision (\\d+) of .* is awaiting approval").matcher(approved)
          .results().findFirst().orElseThrow().group(1));
      assertNotEquals(first, second);
      assertEquals(List.of(), vast.listInstances(), "nothing rented at the new price unasked");
      assertEquals(OperationState.CANCELLED, store.operation(first).orElseThrow().state());
      var oldPrice = store.provisionPrice(first).orElseThrow();
      var newPrice = store.provisionPrice(second).orElseThrow();
      assertTrue(newPrice.usdPerHour() > 2 * oldPrice.usdPerHour(), oldPrice + " -> " + newPrice);
      String summary = store.approvalRequest(second).orElseThrow().summary();
      assertTrue(summary.contains(oldPrice.describe()) && summary.contains(newPrice.describe()),
          "the new request shows the old and the new cost: " + summary);
      assertEquals(OperationState.AWAITING_APPROVAL, store.operation(second).orElseThrow().state());

      String rented = run(bot, "approve " + second);

      assertTrue(rented.contains("1 new instance(s) running."), "within the approved amount it rents: " + rented);
      assertEquals(1, vast.listInstances().size());
    }
  }

  @Test
  void aPersonsScaleUpOverBudget_isRePricedWhenApproved_too() throws Exception {
    try (Vastbot bot = bot("RTX 3060", 0, "")) {
      long first = asked(run(bot, "/vast scale-up 1"));
      marketplace.setPriceFactor(2.5);

      String approved = run(bot, "approve " + first);

      assertTrue(approved.contains("nothing was rented under provision " + first + ": the price rose from $"),
          approved);
      assertEquals(List.of(), vast.listInstances());
      long second = store.openOperations("provision").stream().mapToLong(dev.vastbot.fleet.Operation::id)
          .filter(id -> id != first).findFirst().orElseThrow();
      assertEquals("console", store.operation(second).orElseThrow().requestedBy(), "asked as the person was");
      assertTrue(run(bot, "approve " + second).contains("1 new instance(s) running."));
      assertEquals("selfplay", store.autoscaleGroups().get(vast.listInstances().get(0).id()), "the group's");
    }
  }

  @Test
  void aNeedForThreeAfterARequestForOne_supersedesIt_andTheSameNeedReusesIt() throws Exception {
    try (Vastbot bot = bot("RTX 4090", 0, "max_creates_per_tick: 3")) {
      long one = asked(run(bot, "/vast scale-up 1"));
      String same = run(bot, "/vast scale-up 1");
      assertTrue(same.contains("provision " + one + " already awaits approval"), same);
      assertFalse(ASKED.matcher(same).find(), "no second prompt for the same need: " + same);

      String three = run(bot, "/vast scale-up 3");

      assertTrue(three.contains("provision " + one + " superseded: it was for 1, the need now is 3"), three);
      long again = asked(three);
      assertNotEquals(one, again);
      assertEquals(OperationState.CANCELLED, store.operation(one).orElseThrow().state());
      var closed = store.approvalRequest(one).orElseThrow();
      assertEquals(ApprovalDecision.EXPIRED, closed.decision());
      assertEquals(ApprovalDesk.SUPERSEDED, closed.decidedBy());
      assertTrue(store.recentAudit(100).stream().anyMatch(entry -> entry.action().equals("supersede")
          && entry.outcome().contains("provision " + one)), "audited");
      assertEquals(3, store.provisionOrder(again).orElseThrow().count());
      assertTrue(run(bot, "approve " + one).contains("Not approved"), "the superseded request cannot be approved");
    }
  }

  @Test
  void aPriceRiseForTheSameCount_supersedesThePendingRequest() throws Exception {
    try (Vastbot bot = bot("RTX 3060", 1, "")) {
      long first = asked(run(bot, "/vast autoscale"));
      marketplace.setPriceFactor(2.0);

      String tick = run(bot, "/vast autoscale");

      assertTrue(tick.contains("provision " + first + " superseded: the price rose from $"), tick);
      assertNotEquals(first, asked(tick));
    }
  }

  @Test
  void holdsName_thePriceCeiling_theReliabilityFloor_andTypesNotListed() throws Exception {
    try (Vastbot ceiling = bot("RTX 3060", 1, 0.01, "")) {
      String tick = run(ceiling, "/vast autoscale");
      assertTrue(Pattern.compile("no offer of RTX 3060 at most 0\\.01 \\$/h \\(window default\\) with reliability"
          + " >= 0\\.95: of (\\d+) listed, \\1 over the price ceiling \\(cheapest 0\\.\\d{3} \\$/h\\)").matcher(tick)
          .find(), tick);
      assertFalse(tick.contains("0 taken"), tick);
    }
    try (Vastbot floor = bot("RTX 3060", 1, "min_reliability: 1.0")) {
      String tick = run(floor, "/vast autoscale");
      assertTrue(Pattern.compile("of (\\d+) listed, \\1 under the reliability floor").matcher(tick).find(), tick);
    }
    try (Vastbot none = bot("H200 NVL", 1, "")) {
      String tick = run(none, "/vast autoscale");
      assertTrue(tick.contains("no offer of H200 NVL at most 2.00 $/h (window default) with reliability >= 0.95:"
          + " none of H200 NVL is listed"), tick);
    }
  }

  /** One group {@code selfplay} of {@code gpu}, at most 2 $/h each, 0.50 $ a day; {@code more}: YAML keys. */
  private Vastbot bot(String gpu, int min, String more) throws Exception {
    return bot(gpu, min, 2.0, more);
  }

  private Vastbot bot(String gpu, int min, double maxPrice, String more) throws Exception {
    Files.writeString(dir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay:
              min_instances: %d
              max_price: %s
              max_instances: 5
              gpu_types: [%s]
              budget: {daily_usd: 0.5, monthly_usd: 100000}
              demand: {source: file, file: %s}
              %s
        """.formatted(min, maxPrice, gpu, dir.resolve("queue"), more));
    return new Vastbot(BotParts.of(ConfigLoader.load(dir, Map.of(), dir), provision, vast, store, clock));
  }

  private static long asked(String reply) {
    return Long.parseLong(ASKED.matcher(reply).results().findFirst().orElseThrow(() -> new AssertionError(reply))
        .group(1));
  }

  private static String run(Vastbot bot, String line) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.console()));
  }
}
