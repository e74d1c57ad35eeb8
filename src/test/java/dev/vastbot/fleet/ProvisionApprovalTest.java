package dev.vastbot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.view.TextRenderer;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provision that would pass scaling.max_instances asks for approval instead of being refused. */
class ProvisionApprovalTest {
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withOffer(11, "RTX 4090", 0.30, 0.99);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final ProvisionPolicy oneInstance = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 1,
      Duration.ofMinutes(5), Duration.ofSeconds(10));
  private final Vastbot bot = new Vastbot(BotParts.of(oneInstance, vast, store, clock));

  @AfterEach
  void close() {
    bot.close();
  }

  private String run(String line, Actor actor) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, actor));
  }

  @Test
  void overTheLimit_itWaitsForAnApprover_thenRentsOnce() throws Exception {
    String asked = run("/vast provision --gpu-type RTX_4090 --count 1", new Actor("U0ALICE"));
    assertTrue(asked.contains("is awaiting approval: it would bring the fleet to 2 instances"), asked);
    long request = Long.parseLong(Pattern.compile("Provision (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow().group(1));
    assertEquals(1, vast.listInstances().size(), "nothing rented yet");
    assertTrue(store.approvalRequest(request).orElseThrow().summary().contains("costs up to $12.00/day"));

    String approved = run("approve " + request, Actor.CONSOLE);
    assertTrue(approved.contains("1 new instance(s) running."), approved);
    assertEquals(2, vast.listInstances().size());
    assertTrue(run("approve " + request, Actor.CONSOLE).contains("already approved"), "runs once");
  }

  @Test
  void aDeniedProvision_rentsNothing() throws Exception {
    String asked = run("/vast provision --gpu-type RTX_4090 --count 1", new Actor("U0ALICE"));
    long request = Long.parseLong(Pattern.compile("Provision (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow().group(1));
    assertTrue(run("deny " + request, Actor.CONSOLE).contains("nothing is done"));
    assertEquals(1, vast.listInstances().size());
  }

  @Test
  void theAutoscalersRequestOverBudget_onceApproved_rentsAtTheGroupsCeilingNotProvisionMaxPrice(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay-4090:
              min_instances: 2
              max_instances: 3
              gpu_types: [RTX 4090]
              max_price: 2.0
              budget: {daily_usd: 20}
              demand: {source: file, file: %s}
        """.formatted(dir.resolve("queue")));
    var config = dev.vastbot.app.config.ConfigLoader.load(dir, Map.of(), dir);
    var dear = new FakeGpuProvider().withReachableInstance(1, "RTX 4090").withOffer(12, "RTX 4090", 1.20, 0.99);
    var base = BotParts.of(oneInstance, dear, store, clock);
    var parts = new Vastbot.Parts(config, new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
        Duration.ofMinutes(5), Duration.ofSeconds(10)), dear, store, base.pins(), base.shell(), base.dataSync(),
        base.sshPublicKey(), base.alerts(), base.peers(), clock, base.pause(), List.of());
    try (Vastbot scaling = new Vastbot(parts)) {
      String tick = new TextRenderer().render(scaling.router().route("/vast autoscale", Actor.CONSOLE));
      assertTrue(tick.contains("selfplay-4090: needs approval: 1 instances below the minimum 2"), tick);
      long request = Long.parseLong(Pattern.compile("asked for approval: provision (\\d+)").matcher(tick).results()
          .findFirst().orElseThrow().group(1));
      assertTrue(store.approvalRequest(request).orElseThrow().summary().contains("$1.20/h"), "the cost is shown");
      String again = new TextRenderer().render(scaling.router().route("/vast autoscale", Actor.CONSOLE));
      assertTrue(again.contains("provision " + request + " already awaits approval"), again);

      String approved = new TextRenderer().render(scaling.router().route("approve " + request, Actor.CONSOLE));

      assertTrue(approved.contains("1 new instance(s) running."), approved);
      assertEquals(2, dear.listInstances().size());
    }
  }

  @Test
  void aReplacementThatWouldPassTheBudget_asksNoApprovalItWouldDoubleRent_andSaysWhatToDo(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("vastbot.yaml"), """
        autoscaler:
          groups:
            selfplay-4090:
              min_instances: 1
              max_instances: 2
              gpu_types: [RTX 4090]
              max_price: 2.0
              budget: {daily_usd: 20}
              demand: {source: file, file: %s}
        """.formatted(dir.resolve("queue")));
    var config = dev.vastbot.app.config.ConfigLoader.load(dir, Map.of(), dir);
    var dear = new FakeGpuProvider().withReachableInstance(1, "RTX 4090").withOffer(12, "RTX 4090", 1.20, 0.99);
    var base = BotParts.of(oneInstance, dear, store, clock);
    var parts = new Vastbot.Parts(config, oneInstance, dear, store, base.pins(), base.shell(), base.dataSync(),
        base.sshPublicKey(), base.alerts(), base.peers(), clock, base.pause(), List.of());
    store.startOperation(dev.vastbot.fleet.work.Keepalive.REPLACE, "loop:keepalive", "vast-1", clock.instant());
    try (Vastbot scaling = new Vastbot(parts)) {
      String tick = new TextRenderer().render(scaling.router().route("/vast autoscale", Actor.CONSOLE));

      assertTrue(tick.contains("selfplay-4090: needs approval: vast-1 marked for replacement"), tick);
      assertTrue(tick.contains("no approval asked: replacing vast-1 would pass the budget"), tick);
      assertEquals(List.of(), store.openOperations("provision"), "no provision request: " + tick);
      assertEquals(1, dear.listInstances().size());
    }
  }
}
