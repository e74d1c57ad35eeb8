package dev.vastbot.chat.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.service.provision.InstanceWaiter;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandRouterTest {
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider provider = new FakeGpuProvider()
      .withOffer(1, "RTX 4090", 0.45, 0.99)
      .withOffer(2, "RTX 4090", 0.35, 0.99)
      .withOffer(3, "RTX 3090", 0.20, 0.99);
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final ProvisionPolicy policy = new ProvisionPolicy("img", 50, 0.50, 0.95, "", Map.of(), 10,
      Duration.ofMinutes(5), Duration.ofSeconds(10));
  private final dev.vastbot.fleet.port.FleetSnapshots fleet = dev.vastbot.fleet.port.FleetSnapshots.uncached(provider, clock);
  private final CommandRouter router = new CommandRouter(List.of(
      new StatusCommand(fleet, store, clock, List.of()),
      new ListCommand(fleet, clock, new dev.vastbot.fleet.work.WorkloadTable(Map.of(), "square8")),
      new OffersCommand(provider, 50),
      new ProvisionCommand(new Provisioner(provider, store,
          new InstanceWaiter(provider, clock, clock.pause()), policy, clock, Optional::empty, Provisioner.InstancePreparation.NONE))));

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(router.route(line, Caller.console()));
  }

  @Test
  void unknownCommand_isRefusedWithSuggestion() throws Exception {
    String out = run("/vast stauts");
    assertTrue(out.contains("ERROR: Unknown command 'stauts'."), out);
    assertTrue(out.contains("Try: /vast status"), out);
  }

  @Test
  void unknownOption_isRefusedWithSuggestion_andNothingRuns() throws Exception {
    String out = run("/vast provision --gpu-typ RTX_4090 --count 2");
    assertTrue(out.contains("Unknown option --gpu-typ for /vast provision."), out);
    assertTrue(out.contains("Try: --gpu-type"), out);
    assertTrue(provider.calls().isEmpty(), provider.calls().toString());
  }

  @Test
  void badCount_namesTheRange_andNothingRuns() throws Exception {
    String out = run("/vast provision --gpu-type RTX_4090 --count two");
    assertTrue(out.contains("--count must be a whole number from 1 to 20, got 'two'."), out);
    out = run("/vast provision --gpu-type RTX_4090 --count 0");
    assertTrue(out.contains("got '0'"), out);
    assertTrue(provider.calls().isEmpty());
    assertTrue(store.recentOperations(10).isEmpty());
  }

  @Test
  void missingRequiredOption_showsUsage() throws Exception {
    String out = run("/vast provision --count 1");
    assertTrue(out.contains("/vast provision needs --gpu-type."), out);
    assertTrue(out.contains("Try: /vast provision --gpu-type T --count N [--max-price P]"), out);
  }

  @Test
  void equalsSyntaxAndQuotes_areAccepted() throws Exception {
    String out = run("/vast offers --gpu-type='RTX 4090' --limit=1");
    assertTrue(out.contains("Offers for RTX 4090"), out);
    assertTrue(out.contains("$0.350/h"), out);
    assertFalse(out.contains("$0.450/h"), out);
  }

  @Test
  void offers_areSortedCheapestFirst() throws Exception {
    String out = run("/vast offers --gpu-type RTX_4090");
    assertTrue(out.indexOf("$0.350/h") < out.indexOf("$0.450/h"), out);
    assertFalse(out.contains("RTX 3090"), out);
  }

  @Test
  void providerFailure_becomesASpecificErrorReply() throws Exception {
    provider.failNextCall(new ProviderException(ProviderException.Reason.INVALID_KEY, 404,
        "Vast API GET /users/current: Vast refused the API key; check VAST_API_KEY"));
    String out = run("/vast status");
    assertTrue(out.startsWith("ERROR: Vast API GET /users/current: Vast refused the API key"), out);
  }

  @Test
  void provision_rentsCheapestOffers_andWaitsUntilRunning() throws Exception {
    provider.bootAfterPolls(3);
    String out = run("/vast provision --gpu-type RTX_4090 --count 2");
    assertTrue(out.contains("OK: 2 new instance(s) running."), out);
    assertEquals(List.of("create 2 vastbot:op1-1", "create 1 vastbot:op1-2"), provider.calls());
    assertEquals(2, out.lines().filter(l -> l.contains("running") && l.contains("RTX 4090")).count(), out);
  }

  @Test
  void unknownInstance_isASpecificError_forEveryCommandThatNamesOne() throws Exception {
    var keepalive = new dev.vastbot.service.work.Keepalive(fleet, null, store, null, null,
        dev.vastbot.service.work.InstanceRestarts.unprepared(provider,
            new InstanceWaiter(provider, clock, clock.pause())),
        null, clock);
    var network = new dev.vastbot.service.p2p.P2pNetwork(fleet, null, null, node -> List.of(), Duration.ofSeconds(1),
        new dev.vastbot.service.p2p.RejoinWait(Duration.ofSeconds(1), clock, clock.pause()),
        text -> java.util.Optional.empty());
    var withInstances = new CommandRouter(List.of(new RestartCommand(keepalive), new StopCommand(keepalive),
        new P2pCommand(network)));
    for (String line : List.of("/vast restart 999", "/vast stop vast-999", "/vast p2p restart 999")) {
      String out = new TextRenderer().render(withInstances.route(line, Caller.console()));
      assertTrue(out.startsWith("ERROR: No instance 999 on the account.") || out.startsWith(
          "ERROR: Instance 999 is not running."), line + " -> " + out);
      assertTrue(out.contains("See /vast list."), out);
    }
    assertTrue(provider.calls().isEmpty(), provider.calls().toString());
  }

  @Test
  void help_listsEveryCommand() throws Exception {
    String out = run("/vast help");
    for (String name : List.of("help", "status", "list", "offers", "provision")) {
      assertTrue(out.contains("/vast " + name), out);
    }
  }
  @Test
  void aSlackCallerWhoMayNotMutate_isRefusedBeforeAnythingRuns_andTheRefusalIsAudited() throws Exception {
    var audit = new java.util.ArrayList<dev.vastbot.fleet.AuditEntry>();
    var access = new dev.vastbot.service.access.AccessPolicy(
        dev.vastbot.fleet.access.Role.of("slack.operators", List.of("U0OP")),
        dev.vastbot.fleet.access.Role.of("slack.approvers", List.of()),
        dev.vastbot.fleet.access.ChannelScope.ofIds(List.of("C0FLEET"), false),
        dev.vastbot.fleet.port.UserGroups.NONE);
    var guarded = new CommandRouter(List.of(new OffersCommand(provider, 50), new ProvisionCommand(new Provisioner(
        provider, store, new InstanceWaiter(provider, clock, clock.pause()), policy, clock, Optional::empty,
        Provisioner.InstancePreparation.NONE))), access, audit::add, clock);

    String refused = new TextRenderer().render(guarded.route("/vast provision --gpu-type RTX_4090 --count 1",
        Caller.slack("U0STRANGER", "C0FLEET", false)));

    assertTrue(refused.contains("You may not run /vast provision here: you are not an operator"), refused);
    assertTrue(provider.calls().isEmpty(), "nothing ran: " + provider.calls());
    assertEquals(1, audit.size());
    assertEquals("U0STRANGER", audit.get(0).actor());
    assertTrue(audit.get(0).outcome().startsWith("failed: "), audit.get(0).outcome());
    assertFalse(new TextRenderer().render(guarded.route("/vast offers --gpu-type RTX_4090",
        Caller.slack("U0STRANGER", "C0FLEET", false))).contains("ERROR"), "reading stays open");
    assertEquals(1, audit.size(), "a read is not audited");
  }

  @Test
  void everyCommandDeclaresItsEffect_andTheRouterTellsIt() {
    assertEquals(Optional.of(dev.vastbot.fleet.access.Effect.READ), router.effectOf("/vast status"));
    assertEquals(Optional.of(dev.vastbot.fleet.access.Effect.READ), router.effectOf("/vast whoami"));
    assertEquals(Optional.of(dev.vastbot.fleet.access.Effect.MUTATING),
        router.effectOf("/vast provision --gpu-type RTX_4090 --count 1"));
    assertEquals(Optional.empty(), router.effectOf("/vast provision --count"), "a line that does not parse");
  }

  @Test
  void whoami_atTheConsole_saysTheLocalOperatorMayDoEverything() throws Exception {
    String out = run("/vast whoami");
    assertTrue(out.contains("You are the local operator at the console"), out);
    assertFalse(out.contains(": no ("), out);
  }
}
