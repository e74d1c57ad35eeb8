package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vastbot.fleet.RentalType;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import dev.vastbot.fleet.autoscale.Budget;
import dev.vastbot.fleet.autoscale.DemandSignal;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.autoscale.Hysteresis;
import dev.vastbot.fleet.autoscale.OfferPreference;
import dev.vastbot.fleet.autoscale.OfferPreference.OutbidAction;
import dev.vastbot.fleet.autoscale.Pacing;
import dev.vastbot.fleet.autoscale.PolicyView;
import dev.vastbot.fleet.autoscale.Reaction;
import dev.vastbot.fleet.autoscale.Throughput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code autoscaler} section of {@code vastbot.yaml}. */
class ConfigAutoscalerTest {
  private static final Path HOME = Path.of("/home/bot");
  @TempDir Path configDir;

  @Test
  void withoutTheSectionOneSelfplayGroupHasTheOldScriptsAndOlderSectionsDefaults() {
    var budget = new Budget(10, 50, 1000);
    var selfplay =
        new GroupPolicy(
            "selfplay",
            2,
            10,
            DemandSignal.p2pStatus(),
            new Throughput(Map.of(), 100),
            new Hysteresis(1.0, 0.25),
            new Pacing(
                Duration.ofMinutes(15), Duration.ofMinutes(10), 2, 1, Duration.ofMinutes(30), 3),
            new OfferPreference(
                List.of("RTX 3070", "RTX 3060", "RTX 2080 Ti", "RTX 4060 Ti", "RTX 3060 Ti"),
                0.50,
                0.95,
                RentalType.ON_DEMAND,
                0.50,
                OutbidAction.REPLACE,
                50),
            budget,
            List.of());
    var expected =
        new AutoscalerPolicy(ZoneId.of("UTC"), Duration.ofMinutes(10), budget, List.of(selfplay));

    assertEquals(expected, VastbotConfig.defaults(HOME).autoscaler());
  }

  @Test
  void theDefaultGroupFollowsTheOldEnvironmentVariablesAndTheBudgetsSection() throws IOException {
    write("budgets: {daily_usd: 80, monthly_usd: 2000}\n");
    var env = Map.of("VAST_AUTOSCALE_MIN", "1", "VAST_AUTOSCALE_MAX", "6", "VAST_MAX_PRICE", "0.3");

    var policy = ConfigLoader.load(configDir, env, HOME).autoscaler();

    var selfplay = policy.groups().get(0);
    assertEquals(1, selfplay.minInstances());
    assertEquals(6, selfplay.maxInstances());
    assertEquals(0.3, selfplay.offers().maxPrice());
    assertEquals(new Budget(10, 80, 2000), selfplay.budget());
    assertEquals(new Budget(10, 80, 2000), policy.totalBudget());
  }

  @Test
  void readsNamedGroupsWithTheirOwnBudgetsAndWindows() throws IOException {
    write(
        """
        autoscaler:
          time_zone: Europe/Berlin
          budget: {daily_usd: 300}
          groups:
            selfplay-4090:
              min_instances: 2
              max_instances: 10
              gpu_types: [RTX 4090]
              games_per_hour: {RTX 4090: 300}
              budget: {daily_usd: 200}
              windows:
                night: {start: "22:00", end: "06:00", max_instances: 14, max_price: 0.40}
            training-h100:
              min_instances: 0
              max_instances: 2
              gpu_types: [H100 SXM]
              max_price: 3.0
              rental: interruptible
              bid_ceiling: 2.0
              demand: {source: http_json, url: "http://coordinator:8770/queue", json_pointer: /training/pending}
        """);

    var policy = ConfigLoader.load(configDir, Map.of(), HOME).autoscaler();
    var lines = PolicyView.describe(policy, Instant.parse("2026-06-10T21:00:00Z"));

    assertEquals(
        "selfplay-4090: window night (22:00–06:00 Europe/Berlin), 2..14 instances, max $0.40/h,"
            + " cooldowns 15/10 min",
        lines.get(0));
    assertEquals("  budget 10.00 $/hour, 200.00 $/day, 1000.00 $/month", lines.get(1));
    assertEquals(
        "training-h100: window default (Europe/Berlin), 0..2 instances, max $3.00/h, cooldowns"
            + " 15/10 min",
        lines.get(2));
    var training = policy.group("training-h100").orElseThrow();
    assertEquals(RentalType.BID, training.offers().rentalType());
    assertEquals(
        new DemandSignal(
            DemandSignal.Source.HTTP_JSON, "http://coordinator:8770/queue", "/training/pending"),
        training.demand());
    assertEquals(new Budget(10, 300, 1000), policy.totalBudget());
  }

  static Stream<Arguments> invalidFiles() {
    var group = "autoscaler: {groups: {selfplay: ";
    var at = "autoscaler.groups.selfplay.";
    return Stream.of(
        Arguments.of(
            "autoscaler: {time_zone: Mars/Olympus}",
            "autoscaler.time_zone: must be a time zone like 'Europe/Berlin' or 'UTC', got"
                + " 'Mars/Olympus'"),
        Arguments.of(
            "autoscaler: {tick_minutes: 0}",
            "autoscaler.tick_minutes: must be greater than 0, got 0"),
        Arguments.of(
            "autoscaler: {demand_poll_seconds: 5}",
            "autoscaler.demand_poll_seconds: must be 0 (no polling between ticks) or from 10 to less than"
                + " tick_minutes × 60 (600), got 5"),
        Arguments.of(
            "autoscaler: {tick_minutes: 2, demand_poll_seconds: 120}",
            "autoscaler.demand_poll_seconds: must be 0 (no polling between ticks) or from 10 to less than"
                + " tick_minutes × 60 (120), got 120"),
        Arguments.of(
            "autoscaler: {boot_minutes: 61}",
            "autoscaler.boot_minutes: must be from 0 to 60, got 61"),
        Arguments.of(
            "autoscaler: {budget: {hourly_usd: -1}}",
            "autoscaler.budget.hourly_usd: must be greater than 0, got -1"),
        Arguments.of(
            "autoscaler: {groups: {Self Play: {}}}",
            "autoscaler.groups.Self Play: a group name must be lower-case letters, digits, '-' or"
                + " '_', like 'selfplay-4090'"),
        Arguments.of(
            group + "{min_instances: 3, max_instances: 1}}}",
            at + "max_instances: must be at least " + at + "min_instances (3), got 1"),
        Arguments.of(
            group + "{scale_up_backlog_hours: 1, scale_down_backlog_hours: 2}}}",
            at
                + "scale_up_backlog_hours: must be greater than "
                + at
                + "scale_down_backlog_hours (2), got 1"),
        Arguments.of(
            group + "{scale_down_cooldown_minutes: -5}}}",
            at + "scale_down_cooldown_minutes: must be at least 0, got -5"),
        Arguments.of(
            group + "{unhealthy_checks_before_replace: 0}}}",
            at + "unhealthy_checks_before_replace: must be at least 1, got 0"),
        Arguments.of(
            group + "{min_reliability: 2}}}",
            at + "min_reliability: must be between 0 and 1, got 2"),
        Arguments.of(
            group + "{rental: spot}}}",
            at + "rental: must be one of interruptible, on_demand, got 'spot'"),
        Arguments.of(
            group + "{on_outbid: cry}}}",
            at + "on_outbid: must be one of rebid, replace, got 'cry'"),
        Arguments.of(
            group + "{games_per_hour: {RTX 4090: 0}}}}",
            at + "games_per_hour.RTX 4090: must be greater than 0, got 0"),
        Arguments.of(
            group + "{demand: {source: queue}}}}",
            at + "demand.source: must be one of command, file, http_json, p2p_status, got 'queue'"),
        Arguments.of(
            group + "{demand: {source: http_json, json_pointer: /q}}}}",
            at
                + "demand.url: must be an http(s) URL like http://coordinator:8770/queue (source"
                + " http_json), got ''"),
        Arguments.of(
            group + "{demand: {source: http_json, url: 'http://c/q', json_pointer: q}}}}",
            at
                + "demand.json_pointer: must be a JSON pointer like '/queue/pending' (source"
                + " http_json), got 'q'"),
        Arguments.of(
            group + "{demand: {source: command}}}}",
            at + "demand.command: must be set (source command), got ''"),
        Arguments.of(
            group + "{windows: {night: {start: '25:00'}}}}}",
            at + "windows.night.start: must be a time of day like '22:00', got '25:00'"),
        Arguments.of(
            group + "{windows: {night: {days: [mon, someday]}}}}}",
            at
                + "windows.night.days[1]: must be one of fri, mon, sat, sun, thu, tue, wed, got"
                + " 'someday'"),
        Arguments.of(
            group + "{windows: {night: {max_instances: 1}}}}}",
            at
                + "windows.night.max_instances: must be at least "
                + at
                + "min_instances (2), got 1"),
        Arguments.of(
            group + "{windows: {night: {max_price: 0}}}}}",
            at + "windows.night.max_price: must be greater than 0, got 0"),
        Arguments.of(
            group + "{warm_pool: {size: -1}}}}",
            at + "warm_pool.size: must be at least 0, got -1"),
        Arguments.of(
            group + "{warm_pool: {size: 2, max_stopped_hours: 0}}}}",
            at + "warm_pool.max_stopped_hours: must be greater than 0, got 0"));
  }

  @Test
  void readsAWarmPoolAndKeepsNoneWithoutIt() throws IOException {
    write(
        """
        autoscaler:
          groups:
            pooled: {warm_pool: {size: 3, max_disk_gb: 60, max_stopped_hours: 12}}
            plain: {}
        """);

    var policy = ConfigLoader.load(configDir, Map.of(), HOME).autoscaler();

    assertEquals(
        new dev.vastbot.fleet.autoscale.WarmPool(3, 60, Duration.ofHours(12)),
        policy.group("pooled").orElseThrow().warmPool());
    assertEquals(
        dev.vastbot.fleet.autoscale.WarmPool.NONE, policy.group("plain").orElseThrow().warmPool());
  }

  @Test
  void readsHowOftenTheDemandIsPolledBetweenTicks_andTheBootItProjectsOver() throws IOException {
    write("autoscaler: {demand_poll_seconds: 30, boot_minutes: 3}\n");
    assertEquals(new Reaction(Duration.ofSeconds(30), Duration.ofMinutes(3)),
        ConfigLoader.load(configDir, Map.of(), HOME).autoscaler().reaction());

    write("autoscaler: {demand_poll_seconds: 0}\n");
    assertFalse(ConfigLoader.load(configDir, Map.of(), HOME).autoscaler().reaction().polls(), "0 turns it off");
    assertEquals(Reaction.DEFAULT, VastbotConfig.defaults(HOME).autoscaler().reaction(), "every minute, 5 min boot");

    write("autoscaler: {tick_minutes: 1}\n");
    assertFalse(ConfigLoader.load(configDir, Map.of(), HOME).autoscaler().reaction().polls(),
        "a tick every minute needs no poll between ticks, and its config still loads");
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void namesFileKeyAndProblemInOneLine(String yaml, String expectedProblem) throws IOException {
    var file = write(yaml + "\n");
    assertEquals(file + ": " + expectedProblem, loadFails().getMessage());
  }

  static Stream<Arguments> typos() {
    return Stream.of(
        Arguments.of(
            "autoscaler: {tick_minute: 5}",
            "autoscaler: unknown key 'tick_minute'; did you mean 'tick_minutes'?"),
        Arguments.of(
            "autoscaler: {groups: {selfplay: {max_instance: 4}}}",
            "autoscaler.groups.selfplay: unknown key 'max_instance'; did you mean"
                + " 'max_instances'?"),
        Arguments.of(
            "autoscaler: {groups: {selfplay: {windows: {night: {strat: '22:00'}}}}}",
            "autoscaler.groups.selfplay.windows.night: unknown key 'strat'; did you mean 'start'?"),
        Arguments.of(
            "autoscaler: {groups: {selfplay: {demand: {sorce: file}}}}",
            "autoscaler.groups.selfplay.demand: unknown key 'sorce'; did you mean 'source'?"),
        Arguments.of(
            "autoscaler: {groups: {selfplay: {warm_pool: {sise: 2}}}}",
            "autoscaler.groups.selfplay.warm_pool: unknown key 'sise'; did you mean 'size'?"));
  }

  @ParameterizedTest
  @MethodSource("typos")
  void refusesAnUnknownKeyWithASuggestion(String yaml, String expectedProblem) throws IOException {
    var file = write(yaml + "\n");
    assertEquals(file + ": " + expectedProblem, loadFails().getMessage());
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(configDir.resolve("vastbot.yaml"), yaml);
  }

  private ConfigException loadFails() {
    var failure =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(configDir, Map.of(), HOME));
    assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    return failure;
  }
}
