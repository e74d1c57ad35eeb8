package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.SyncConfig;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.sim.host.SimHost;
import dev.vastbot.testing.Eventually;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminations through the bot whose copies come over real SSH from simulated hosts (a MINA SSH
 * server running python3 in its own folder): "verified" only when the configured roots are there,
 * and terminations run side by side, so a host that stalls its copy delays no other.
 */
class TerminationsOnSimulatedHostsTest {
  private static final long HONEST = 32;
  private static final long WAITING = 33;
  @TempDir Path dir;
  private SyncFixture fixture;
  private Path home;
  private final MutableClock clock = MutableClock.atEpochDay();
  private final FakeGpuProvider vast = new FakeGpuProvider();
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private Vastbot bot;

  @BeforeEach
  void start() {
    fixture = new SyncFixture(dir);
    home = fixture.host.home();
    vast.withReachableInstance(SyncFixture.INSTANCE, "RTX 4090");
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    fixture.close();
  }

  /** The bot copying {@code paths} ({@code optional} may be missing) from the hosts {@code syncs} names. */
  private Vastbot bot(List<String> paths, List<String> optional, Map<Long, DataSync> syncs) {
    Map<Long, SshTarget> targets = Map.of(SyncFixture.INSTANCE, fixture.target(), HONEST,
        new SshTarget(HONEST, new dev.vastbot.fleet.HostPort("127.0.0.1",
            fixture.fleet.host(HONEST).map(SimHost::sshPort).orElse(1))));
    DataSync routed = (target, request, progress) -> syncs.get(target.instanceId())
        .pull(targets.get(target.instanceId()), request, progress);
    VastbotConfig defaults = VastbotConfig.defaults(dir);
    VastbotConfig config = defaults.withSync(optional.isEmpty() ? new SyncConfig(paths, dir.resolve("copies"))
        : new SyncConfig(paths, dir.resolve("copies")).withOptionalPaths(optional));
    bot = new Vastbot(new Vastbot.Parts(Vastbot.Settings.of(config, config.provisionPolicy()),
        new Vastbot.Adapters(vast, store, store.pins(), new Vastbot.Ssh(new ScriptedShell(), routed, Optional::empty),
            alerts::add, node -> List.of()), clock, clock.pause(), List.of()));
    return bot;
  }

  private Vastbot honestBot(List<String> paths, List<String> optional) {
    return bot(paths, optional, Map.of(SyncFixture.INSTANCE, fixture.sync()));
  }

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.console()));
  }

  /** Asked for and approved at the console; not carried on yet. */
  private long approved(long instance) {
    long op = bot.terminator().request(instance, Actor.CONSOLE, false, "test").operation().id();
    assertTrue(bot.terminator().decide(op, Actor.CONSOLE, ApprovalDecision.APPROVED).counted());
    return op;
  }

  private Operation terminated(long instance) throws InterruptedException {
    return bot.terminator().proceed(approved(instance), dev.vastbot.fleet.port.SyncProgress.NONE);
  }

  private String path(String relative) {
    return home.resolve(relative).toString();
  }

  @Test
  void aHostWithNothingAtAnyPath_isNotDestroyed_andNeedsAttention() throws Exception {
    honestBot(List.of(path("work/ai-service/data/selfplay"), path("work/ai-service/models")), List.of());

    Operation ended = terminated(SyncFixture.INSTANCE);

    assertEquals(OperationState.NEEDS_ATTENTION, ended.state(), ended.detail());
    assertTrue(ended.detail().startsWith(path("work/ai-service/data/selfplay") + ", " + path("work/ai-service/models")
        + " are missing on the host (not marked optional); not destroyed"), ended.detail());
    assertTrue(vast.findInstance(SyncFixture.INSTANCE).isPresent(), "kept");
    assertTrue(vast.calls().stream().noneMatch(c -> c.startsWith("destroy")));
    assertTrue(alerts.stream().anyMatch(a -> a.text().contains("are missing on the host")), alerts.toString());
  }

  @Test
  void aTypoInSyncPaths_onAnHonestHost_isNotDestroyed_andTheReasonNamesThePath() throws Exception {
    SyncFixture.tree(home, 6, 4096);
    String typo = path("work/ai-service/modles");
    honestBot(List.of(path("work/ai-service/data/selfplay"), typo), List.of());

    Operation ended = terminated(SyncFixture.INSTANCE);

    assertEquals(OperationState.NEEDS_ATTENTION, ended.state(), ended.detail());
    assertTrue(ended.detail().startsWith(typo + " is missing on the host (not marked optional); not destroyed"),
        ended.detail());
    assertTrue(vast.findInstance(SyncFixture.INSTANCE).isPresent(), "kept");
    String status = run("/vast sync status");
    assertTrue(status.contains("vast-" + SyncFixture.INSTANCE + " roots found: " + path("work/ai-service/data/selfplay")
        + "; missing: " + typo), status);
    assertTrue(status.contains("NOT verified"), status);
  }

  @Test
  void aPathWrittenWithATrailingSlash_thatIsMissing_isStillMissing() throws Exception {
    SyncFixture.tree(home, 6, 4096);
    String typo = path("work/ai-service/modles");
    honestBot(List.of(path("work/ai-service/data/selfplay") + "/", typo + "/"), List.of());

    Operation ended = terminated(SyncFixture.INSTANCE);

    assertEquals(OperationState.NEEDS_ATTENTION, ended.state(), ended.detail());
    assertTrue(ended.detail().startsWith(typo + " is missing on the host (not marked optional); not destroyed"),
        ended.detail());
    assertTrue(vast.findInstance(SyncFixture.INSTANCE).isPresent(), "kept");
  }

  @Test
  void anOptionalRootMissing_isVerified_andDestroyed() throws Exception {
    SyncFixture.tree(home, 6, 4096);
    String checkpoints = path("work/ai-service/checkpoints");
    honestBot(List.of(path("work/ai-service/data/selfplay"), checkpoints), List.of(checkpoints));

    Operation ended = terminated(SyncFixture.INSTANCE);

    assertEquals(OperationState.SUCCEEDED, ended.state(), ended.detail());
    assertTrue(vast.findInstance(SyncFixture.INSTANCE).isEmpty(), "destroyed");
    assertTrue(run("/vast sync status").contains("missing: " + checkpoints + " (optional)"));
  }

  @Test
  void aCopyWithNoFiles_whereTheLastSyncHadSome_isNotVerified() throws Exception {
    SyncFixture.tree(home, 6, 4096);
    List<String> roots = List.of(path("work/ai-service/data/selfplay"), path("work/ai-service/models"));
    honestBot(roots, List.of());
    String first = run("/vast sync " + SyncFixture.INSTANCE);
    assertTrue(first.contains("every file verified"), first);
    var firstAt = clock.instant();
    for (String root : roots) {
      try (var files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.delete(file); // the folders stay: every root is there, with nothing in it
        }
      }
    }

    Operation ended = terminated(SyncFixture.INSTANCE);

    assertEquals(OperationState.NEEDS_ATTENTION, ended.state(), ended.detail());
    assertTrue(ended.detail().startsWith("the copy has 0 files but the last sync on " + firstAt + " had 8"),
        ended.detail());
    assertTrue(vast.findInstance(SyncFixture.INSTANCE).isPresent(), "kept");
  }

  /**
   * Two approved terminations: the first's host runs a program in place of the sync that sends
   * nothing; the second's host is honest. The honest one is destroyed while the first still
   * syncs, and an approval request nobody decided expires meanwhile.
   */
  @Test
  void aHostThatStallsItsCopy_delaysNoOtherTermination_norTheExpiryOfARequest() throws Exception {
    fixture.fleet.attach(HONEST, "RTX 4090", 1);
    Path honestHome = fixture.fleet.host(HONEST).orElseThrow().home();
    SyncFixture.tree(honestHome, 4, 2048);
    vast.withReachableInstance(HONEST, "RTX 4090").withReachableInstance(WAITING, "RTX 3090");
    String silent = "import time\nfor _ in range(120):\n    time.sleep(1)\n";
    var stalled = fixture.sync(SyncSettings.defaults(), FreeSpace.FILE_STORE, new RemoteSyncScript(silent));
    bot(List.of(honestHome.resolve("work/ai-service/data/selfplay").toString(),
        honestHome.resolve("work/ai-service/models").toString()), List.of(),
        Map.of(SyncFixture.INSTANCE, stalled, HONEST, fixture.sync()));
    long stuck = approved(SyncFixture.INSTANCE);
    long honest = approved(HONEST);
    long undecided = bot.terminator().request(WAITING, new Actor("U0ALICE"), false, "idle").operation().id();
    BackgroundLoop loop = bot.loops().stream().filter(l -> l.name().equals("terminations")).findFirst().orElseThrow();

    CompletableFuture.runAsync(loop::runOnce);

    Eventually.await("the honest termination destroyed", () -> state(honest), OperationState.SUCCEEDED::equals);
    assertEquals(OperationState.SYNCING, state(stuck), "the stalled one is still copying");
    clock.advance(VastbotConfig.defaults(dir).slack().approvalTimeout().plusMinutes(1));
    CompletableFuture.runAsync(loop::runOnce);
    Eventually.await("the undecided request expired", () -> state(undecided), OperationState.EXPIRED::equals);
    assertEquals(OperationState.SYNCING, state(stuck), "still copying");
    assertTrue(vast.findInstance(HONEST).isEmpty(), "the honest instance is gone");

    bot.close();
    bot = null;
    assertEquals(OperationState.SYNCING, state(stuck), "stopped where it was: the journal resumes it");
    assertTrue(vast.findInstance(SyncFixture.INSTANCE).isPresent(), "the stalled host's instance is kept");
  }

  private OperationState state(long operation) {
    return store.operation(operation).orElseThrow().state();
  }
}
