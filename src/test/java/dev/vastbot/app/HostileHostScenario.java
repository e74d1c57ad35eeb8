package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.LayoutBlock;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.TextRenderer;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.health.HealthLevel;
import dev.vastbot.fleet.health.HostHealth;
import dev.vastbot.fleet.text.SafeText;
import dev.vastbot.hosts.VastInstancesSync;
import dev.vastbot.service.loop.BackgroundLoop;
import dev.vastbot.sim.host.HostilePayload;
import dev.vastbot.sim.host.SimHost;
import dev.vastbot.slack.BlockKitRenderer;
import dev.vastbot.slack.BlockKitTexts;
import dev.vastbot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
/**
 * One hostile simulated host beside two honest ones, over real SSH: the hostile host prints, in
 * turn, each {@link HostilePayload}. Every sweep completes and records all three hosts, the loops
 * keep ticking, the honest hosts stay healthy, and nothing the host wrote reaches the console
 * or a Slack reply unescaped or uncapped, or the store uncleaned. Runs on SQLite and on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileHostScenario {
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private Path configDir;
  private DemoWorld world;
  private Vastbot bot;
  private List<Long> ids;

  /** The store the bot runs on. */
  abstract String jdbcUrl();

  @BeforeAll
  void provisionThreeHosts_andRecordTheirTailscaleAddresses() throws Exception {
    configDir = Files.createTempDirectory("vastbot-hostile-");
    Files.writeString(configDir.resolve("vastbot.yaml"), """
        health:
          connect_timeout_seconds: 2
          command_timeout_seconds: 5
          failures_before_action: 2
        """);
    var config = ConfigLoader.load(configDir, Map.of(), configDir);
    world = DemoWorld.start(config, 11, Clock.systemUTC(), jdbcUrl());
    bot = world.bot();
    String reply = run("/vast provision --gpu-type RTX_4090 --count 3");
    assertTrue(reply.contains("OK: 3 new instance(s) running."), reply);
    ids = bot.provider().listInstances().stream().map(i -> i.id()).sorted().toList();
    for (int i = 0; i < 3; i++) {
      int index = i;
      Eventually.await("vast-" + ids.get(i) + " healthy", SETTLE, () -> health(index),
          h -> h.assessment().level() == HealthLevel.HEALTHY);
    }
    var instances = bot.provider().listInstances();
    VastInstancesSync.sync(world.hostsFile(), instances,
        bot.p2p().tailscaleIps(instances), Instant.now());
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @ParameterizedTest
  @EnumSource(HostilePayload.class)
  void eachPayload_costsOnlyTheHostileHostItsHealth_andReachesNoSinkUnsafe(HostilePayload payload)
      throws Exception {
    hostile().faults().hostile(Set.of(payload), honest(1).tailscaleIp());
    try {
      Instant before = Instant.now().minusMillis(1);
      LoopTick tick = loop("health").runOnce();
      assertTrue(tick.ok(), "the health loop's tick: " + tick.outcome());
      for (long id : ids) {
        var streak = bot.store().healthStreak(id).orElseThrow();
        assertFalse(streak.lastChecked().isBefore(before), "vast-" + id + " was checked in this sweep");
      }
      assertEquals(HealthLevel.HEALTHY, health(1).assessment().level(), health(1).assessment().summary());
      assertEquals(HealthLevel.HEALTHY, health(2).assessment().level(), health(2).assessment().summary());

      for (String line : List.of("/vast health", "/vast p2p status", "/vast p2p discover", "/vast status",
          "/vast list", "/vast logs " + ids.get(0), "/vast logs " + ids.get(0) + " workers")) {
        Reply reply = bot.router().route(line, Caller.console());
        assertSafeForTheConsole(line, new TextRenderer().render(reply));
        assertSafeForSlack(line, reply);
      }
      LoopTick keepalive = loop("keepalive").runOnce();
      assertTrue(keepalive.ok(), "the keepalive loop's tick: " + keepalive.outcome());
      checkPayloadSpecifics(payload);
      for (AuditEntry entry : bot.store().recentAudit(20)) {
        assertCleanInTheStore(entry.outcome());
      }
    } finally {
      hostile().faults().hostile(Set.of(), null);
    }
  }

  private void checkPayloadSpecifics(HostilePayload payload) throws InterruptedException {
    switch (payload) {
      case SPOOFED_TAILSCALE -> {
        String discover = run("/vast p2p discover");
        assertTrue(discover.contains("vast-" + ids.get(0) + "  Tailscale IP " + honest(1).tailscaleIp()
            + " belongs to another host"), discover);
        assertFalse(discover.contains("vast-" + ids.get(1) + "  Tailscale IP"), "the owner keeps it: " + discover);
      }
      case CONTROL_BYTES -> {
        String restart = run("/vast restart " + ids.get(0));
        assertSafeForTheConsole("/vast restart", restart);
        assertTrue(restart.contains("\\x00\\x1b[2J"), "the host's bytes are shown escaped: " + restart);
        AuditEntry newest = bot.store().recentAudit(5).stream().filter(e -> e.action().equals("restart-workers"))
            .findFirst().orElseThrow();
        assertTrue(newest.outcome().startsWith("failed: exit 1: \\x00\u001b[2J"), newest.outcome());
        assertCleanInTheStore(newest.outcome());
      }
      case HUGE_STATUS, FORGED_PEER -> {
        String status = run("/vast p2p status");
        assertTrue(status.length() < 20_000, "a bounded reply, not " + status.length() + " chars");
      }
      default -> { }
    }
  }

  private static void assertSafeForTheConsole(String command, String reply) {
    for (char c : new char[] {'\u001b', '\u0000', '\r', '\u202e', '\u0007'}) {
      assertFalse(reply.indexOf(c) >= 0, command + ": raw U+" + Integer.toHexString(c) + " in the reply");
    }
    assertTrue(reply.length() < 200_000, command + ": reply of " + reply.length() + " chars");
    for (String line : reply.split("\n")) {
      assertTrue(line.length() < 4_000, command + ": a line of " + line.length() + " chars");
      assertFalse(line.startsWith(HostilePayload.FORGED_LINE), command + ": a forged line: " + line);
    }
  }

  /**
   * What Slack would show: the blocks within Slack's limits with no raw markup or control
   * character (so no mention, channel ping or link from the host), and the same for the
   * notification's fallback text.
   */
  private static void assertSafeForSlack(String command, Reply reply) {
    var slack = new BlockKitRenderer();
    List<LayoutBlock> blocks = slack.render(reply);
    try {
      BlockKitTexts.assertWithinLimits(blocks);
    } catch (AssertionError unsafe) {
      throw new AssertionError(command + " in Slack: " + unsafe.getMessage(), unsafe);
    }
    for (String text : BlockKitTexts.of(blocks)) {
      assertFalse(text.contains("\u202e") || text.contains("\u0085"), command + ": raw bidi or C1 in Slack: " + text);
    }
    String fallback = slack.fallbackText(reply);
    assertFalse(fallback.contains("<") || fallback.contains(">"),
        command + ": raw markup in the fallback: " + fallback);
    assertTrue(fallback.chars().allMatch(c -> c >= 0x20 && c != 0x7f), command + ": control character in " + fallback);
  }

  private static void assertCleanInTheStore(String text) {
    assertFalse(text.contains("\u0000"), "a NUL in the store");
    assertTrue(text.length() <= SafeText.AUDIT_DETAIL_CHARS + 40, "an uncapped detail: " + text.length());
  }

  private String run(String line) throws InterruptedException {
    return new TextRenderer().render(bot.router().route(line, Caller.console()));
  }

  private BackgroundLoop loop(String name) {
    return bot.loops().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private SimHost hostile() {
    return world.hosts().host(ids.get(0)).orElseThrow();
  }

  private SimHost honest(int index) {
    return world.hosts().host(ids.get(index)).orElseThrow();
  }

  private HostHealth health(int index) {
    long id = ids.get(index);
    return bot.healthSweep().sweep(bot.provider().listInstances()).stream()
        .filter(h -> h.instance().id() == id).findFirst().orElseThrow();
  }
}
