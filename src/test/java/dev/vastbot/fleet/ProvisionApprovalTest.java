package dev.vastbot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.access.Caller;
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

/**
 * A provision that would pass scaling.max_instances asks for approval instead of being refused; once
 * approved it rents over the cap, its slots still reserved so that others are held to them.
 */
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
    return new TextRenderer().render(bot.router().route(line, Caller.local(actor)));
  }

  @Test
  void overTheLimit_itWaitsForAnApprover_thenRentsOnce() throws Exception {
    String asked = run("/vast provision --gpu-type RTX_4090 --count 1", new Actor("U0ALICE"));
    assertTrue(asked.contains("is awaiting approval: it would bring the fleet to 2 instances"), asked);
    long request = Long.parseLong(Pattern.compile("Provision (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow().group(1));
    assertEquals(1, vast.listInstances().size(), "nothing rented yet");
    assertTrue(store.approvalRequest(request).orElseThrow().summary().contains("costs up to $7.20/day ($0.30/h)"),
        "the cost at the offers found: " + store.approvalRequest(request).orElseThrow().summary());

    String approved = run("approve " + request, Actor.CONSOLE);
    assertTrue(approved.contains("1 new instance(s) running."), approved);
    assertEquals(2, vast.listInstances().size());
    assertTrue(run("approve " + request, Actor.CONSOLE).contains("already approved"), "runs once");
  }

  @Test
  void anApprovalOverTheCap_stillReservesItsSlots_soAnotherProvisionMeanwhileIsHeldToThem() throws Exception {
    String asked = run("/vast provision --gpu-type RTX_4090 --count 1", new Actor("U0ALICE"));
    long request = Long.parseLong(Pattern.compile("Provision (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow().group(1));
    var duringTheRent = new java.util.ArrayList<String>();
    vast.beforeEachCreate(create -> {
      if (duringTheRent.isEmpty()) {
        duringTheRent.add(runQuietly("/vast provision --gpu-type RTX_4090 --count 1", new Actor("U0BOB")));
      }
    });

    String approved = run("approve " + request, Actor.CONSOLE);

    assertTrue(approved.contains("1 new instance(s) running."), approved);
    assertTrue(duringTheRent.get(0).contains("it would bring the fleet to 3 instances with 1 reserved by provision "
        + request + ", above scaling.max_instances 1"), "the approved rent's slot counts: " + duringTheRent);
    assertEquals(2, vast.listInstances().size(), "Bob's waits for an approver");
    assertEquals(List.of(), store.openReservations(clock.instant()), "the approved rent released its reservation");
  }

  private String runQuietly(String line, Actor actor) {
    try {
      return run(line, actor);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDeniedProvision_rentsNothing() throws Exception {
    String asked = run("/vast provision --gpu-type RTX_4090 --count 1", new Actor("U0ALICE"));
    long request = Long.parseLong(Pattern.compile("Provision (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow().group(1));
    assertTrue(run("deny " + request, Actor.CONSOLE).contains("nothing is done"));
    assertEquals(1, vast.listInstances().size());
  }
}
