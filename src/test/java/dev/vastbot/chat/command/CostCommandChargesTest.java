package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.CachedCharges;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.cost.Accrual;
import dev.vastbot.fleet.cost.ChargeLine;
import dev.vastbot.fleet.cost.InstanceSpend;
import dev.vastbot.fleet.cost.VastCharges;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.service.cost.ChargesCheck;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /vast cost}'s line about Vast's charges: available, differing, unavailable, and asked once an hour. */
class CostCommandChargesTest {
  private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final FakeGpuProvider provider = new FakeGpuProvider();
  private final List<Instant[]> asked = new ArrayList<>();

  CostCommandChargesTest() {
    store.accrueSpend(new Accrual(null, null, clock.instant(), List.of(
        new InstanceSpend(LocalDate.parse("2026-12-02"), 11, 60.0),
        new InstanceSpend(LocalDate.parse("2026-12-05"), 12, 40.0),
        new InstanceSpend(LocalDate.parse("2026-12-10"), 11, 5.0))));  // today: not in the period
  }

  private String cost(ChargesSource source) {
    var command = new CostCommand(FleetSnapshots.uncached(provider, clock), store, clock, ZoneOffset.UTC, 100, 3000,
        new ChargesCheck(source, store, ZoneOffset.UTC));
    dev.vastbot.chat.view.Reply reply;
    try {
      reply = new CommandRouter(List.of(command), entry -> {}, clock).route("/vast cost", Caller.cli());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertFalse(reply.failed());
    return new TextRenderer().render(reply);
  }

  private ChargesSource vastCharging(double eleven, double twelve) {
    return (from, until) -> {
      asked.add(new Instant[] {from, until});
      return new VastCharges(from, until, List.of(ChargeLine.of(11, eleven), ChargeLine.of(12, twelve)));
    };
  }

  @Test
  void chargesWithinFivePercent_oneLine_noWarning() {
    String text = cost(vastCharging(61.0, 41.0));

    assertTrue(text.contains("Vast's charges for 2026-12-01 to 2026-12-09 (UTC): $102.00 (ledger $100.00, "
        + "differs by 2.0 %)"), text);
    assertFalse(text.contains("differ by more than"), text);
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), asked.get(0)[0]);
    assertEquals(Instant.parse("2026-12-10T00:00:00Z"), asked.get(0)[1]);
  }

  @Test
  void chargesOverFivePercent_warnNamingTheLargestDifferingInstances() {
    String text = cost(vastCharging(72.0, 40.0));

    assertTrue(text.contains("$112.00 (ledger $100.00, differs by 10.7 %)"), text);
    assertTrue(text.contains("The ledger and Vast's charges differ by more than 5.0 %; most: instance 11 "
        + "(ledger $60.00, Vast $72.00, 16.7 %)."), text);
    assertFalse(text.contains("instance 12 ("), text);
  }

  @Test
  void anAccountWithoutCharges_saysSoInOneLine() {
    String text = cost((from, until) -> {
      throw new ProviderException(ProviderException.Reason.FORBIDDEN, 403,
          "Vast API GET /charges/: the API key lacks permission for this call (HTTP 403 auth_error)");
    });

    assertTrue(text.contains("Vast's charges for 2026-12-01 to 2026-12-09 (UTC): not available for this account."),
        text);
    assertFalse(text.contains("HTTP 403"), text);
    assertTrue(text.contains("Spend on 2026-12-10"), "the rest of the reply is there: " + text);
  }

  @Test
  void aTransientFailure_isOneLineToo() {
    String text = cost((from, until) -> {
      throw new ProviderException(ProviderException.Reason.UNAVAILABLE, 503,
          "Vast API GET /charges/: Vast is unavailable (HTTP 503)");
    });

    assertTrue(text.contains(": could not be read now (Vast API GET /charges/: Vast is unavailable (HTTP 503))."),
        text);
  }

  @Test
  void vastIsAskedOncePerHour_notOnEveryCommand() {
    var cached = new CachedCharges(vastCharging(60.0, 40.0), clock, Duration.ofHours(1));
    cost(cached);
    clock.advance(Duration.ofMinutes(59));
    cost(cached);
    assertEquals(1, asked.size());
    clock.advance(Duration.ofMinutes(2));
    cost(cached);
    assertEquals(2, asked.size());
  }

  @Test
  void aRefusalIsKeptForTheHourToo() {
    int[] calls = {0};
    var cached = new CachedCharges((from, until) -> {
      calls[0]++;
      throw new ProviderException(ProviderException.Reason.INVALID_KEY, 404, "Vast API GET /charges/: refused");
    }, clock, Duration.ofHours(1));
    assertTrue(cost(cached).contains("not available for this account"));
    assertTrue(cost(cached).contains("not available for this account"));
    assertEquals(1, calls[0]);
  }

  @Test
  void atOnce_onlyWhenVastsChargesAreKept_elseLaterWithoutAskingVast() throws Exception {
    var cached = new CachedCharges(vastCharging(60.0, 40.0), clock, Duration.ofHours(1));
    var command = new CostCommand(FleetSnapshots.uncached(provider, clock), store, clock, ZoneOffset.UTC, 100, 3000,
        new ChargesCheck(cached, store, ZoneOffset.UTC));
    var router = new CommandRouter(List.of(command), entry -> {}, clock);

    assertTrue(router.routeAtOnce("/vast cost", Caller.cli(), true).isEmpty(), "asking Vast is slow work");
    assertTrue(asked.isEmpty(), "and it was not asked for the acknowledgement");
    cost(cached); // the slow way asks, and the answer is kept for the hour
    String atOnce = new TextRenderer().render(router.routeAtOnce("/vast cost", Caller.cli(), true).orElseThrow());
    assertTrue(atOnce.contains("Vast's charges for 2026-12-01 to 2026-12-09 (UTC): $100.00"), atOnce);
    assertEquals(1, asked.size());
  }
}
