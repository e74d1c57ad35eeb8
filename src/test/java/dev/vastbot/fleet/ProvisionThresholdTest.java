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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code slack.provision_approval_usd_per_hour}: a person's provision that would add more per hour
 * (at the dearest of the offers it could take) asks an approver first and says why and what it
 * costs; one at or under it rents at once.
 */
class ProvisionThresholdTest {
  private final FakeGpuProvider vast = new FakeGpuProvider().withOffer(11, "RTX 4090", 0.30, 0.99)
      .withOffer(12, "RTX 4090", 0.30, 0.99).withOffer(13, "RTX 4090", 0.30, 0.99)
      .withOffer(14, "RTX 4090", 0.35, 0.99);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final ProvisionPolicy oneDollarAnHour = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
      Duration.ofMinutes(5), Duration.ofSeconds(10), 1.00);
  private final Vastbot bot = new Vastbot(BotParts.of(oneDollarAnHour, vast, store, clock));

  @AfterEach
  void close() {
    bot.close();
  }

  private String run(String line, Actor actor) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.local(actor)));
  }

  @Test
  void aProvisionAboveTheThreshold_asksAnApprover_sayingWhyAndWhatItCosts_andRentsOnceApproved() throws Exception {
    String asked = run("/vast provision --gpu-type RTX_4090 --count 4", new Actor("U0ALICE"));

    assertTrue(asked.contains("is awaiting approval: it would add up to $1.25/h, above"
        + " slack.provision_approval_usd_per_hour $1.00/h; costs up to $30.00/day ($1.25/h)"), asked);
    assertEquals(0, vast.listInstances().size(), "nothing rented yet");
    assertEquals(0, store.openReservations(clock.instant()).size(), "nothing reserved while it waits");
    long request = Long.parseLong(Pattern.compile("Provision (\\d+)").matcher(asked).results().findFirst()
        .orElseThrow().group(1));

    String approved = run("approve " + request, Actor.CONSOLE);

    assertTrue(approved.contains("4 new instance(s) running."), approved);
  }

  @Test
  void aProvisionAtOrUnderTheThreshold_rentsWithoutAsking() throws Exception {
    String rented = run("/vast provision --gpu-type RTX_4090 --count 3", new Actor("U0ALICE"));

    assertTrue(rented.contains("3 new instance(s) running."), rented);
    assertEquals(java.util.List.of(), store.pendingApprovals());
  }
}
