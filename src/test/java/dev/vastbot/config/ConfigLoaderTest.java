package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path configDir;
  private final Path home = Path.of("/home/bot");

  @Test
  void usesEveryDefaultWhenThereIsNoFile() {
    var config = ConfigLoader.load(configDir, Map.of(), home);

    assertEquals(new SlackConfig("#gpu-fleet", List.of(), false, Duration.ofMinutes(30), List.of()), config.slack());
    assertEquals(
        new VastConfig(
            URI.create("https://console.vast.ai/api/v0"),
            Duration.ofSeconds(30),
            16 * 1024 * 1024,
            6,
            Duration.ofSeconds(60),
            Path.of("/home/bot/.ssh/vast_rsa")),
        config.vast());
    assertEquals(
        new ProvisionConfig(
            "pytorch/pytorch:2.0",
            50,
            0.50,
            0.95,
            "",
            Map.of(),
            Duration.ofSeconds(900),
            Duration.ofSeconds(10)),
        config.provision());
    assertEquals(new ScalingConfig(2, 10, Duration.ofMinutes(15)), config.scaling());
    assertEquals(new BudgetsConfig(50, 1000), config.budgets());
    assertEquals(
        new HealthConfig(
            Duration.ofSeconds(60), 60, 80, 90, 3, Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(120), 10, Duration.ofMinutes(60), false),
        config.health());
    assertEquals(new KeepaliveConfig(Duration.ofMinutes(15), Duration.ofMinutes(10)), config.keepalive());
    assertEquals(
        new SyncConfig(
            List.of(
                "/root/ringrift/ai-service/data/games",
                "/root/ringrift/ai-service/models",
                "/root/ringrift/ai-service/data/unified_elo.db"),
            Path.of("var/sync")),
        config.sync());
    assertEquals(8770, config.p2p().port());
    assertEquals("/health", config.p2p().healthPath());
    assertNull(config.store().url());
    assertEquals("jdbc:sqlite:var/vastbot.db", config.store().jdbcUrl());
    assertEquals(VastbotConfig.defaults(home), config);
  }

  @Test
  void treatsAnEmptyFileAndEmptySectionsAsDefaults() throws IOException {
    write("# nothing yet\n");
    assertEquals(VastbotConfig.defaults(home), ConfigLoader.load(configDir, Map.of(), home));

    write("slack:\nscaling: {}\nprovision:\n  max_price:\n");
    assertEquals(VastbotConfig.defaults(home), ConfigLoader.load(configDir, Map.of(), home));
  }

  @Test
  void readsEveryKeyFromTheFile() throws IOException {
    write(
        """
        slack:
          channel: "#ops"
          approvers: [U012ABC, W99XYZ]
        vast:
          api_url: http://localhost:8080/api/v0
          request_timeout_seconds: 5
          max_response_mib: 2
          max_attempts: 2
          retry_budget_seconds: 9
          ssh_key: /keys/id
        provision:
          image: ringrift/ai:latest
          disk_gb: 80.5
          max_price: 1
          min_reliability: 0.9
          onstart: "echo hi"
          env: {PORT: 8080, MODE: train}
          boot_timeout_seconds: 600
          poll_interval_seconds: 5
        scaling: {min_instances: 0, max_instances: 3, cooldown_minutes: 0}
        budgets: {daily_usd: 10, monthly_usd: 200}
        health:
          interval_seconds: 30
          gpu_util_target_percent: 70
          memory_warning_percent: 85
          disk_warning_percent: 95
          failures_before_action: 2
          connect_timeout_seconds: 3
          command_timeout_seconds: 4
        keepalive: {interval_minutes: 5}
        sync: {paths: [/data], local_dir: /srv/sync, max_bytes_per_instance: 2000000000000, keep_free_percent: 5, min_bytes_per_second: 1024, min_rate_grace_seconds: 30}
        p2p: {port: 9000, start_command: "run {node_id} {port} {peers}", health_path: /status, log_file: /p2p.log}
        store: {url: "jdbc:postgresql://db/vastbot"}
        """);

    var config = ConfigLoader.load(configDir, Map.of(), home);

    assertEquals(new SlackConfig("#ops", List.of("U012ABC", "W99XYZ"), false, Duration.ofMinutes(30), List.of()), config.slack());
    assertEquals(
        new VastConfig(
            URI.create("http://localhost:8080/api/v0"),
            Duration.ofSeconds(5),
            2 * 1024 * 1024,
            2,
            Duration.ofSeconds(9),
            Path.of("/keys/id")),
        config.vast());
    assertEquals(
        new ProvisionConfig(
            "ringrift/ai:latest",
            80.5,
            1.0,
            0.9,
            "echo hi",
            Map.of("PORT", "8080", "MODE", "train"),
            Duration.ofSeconds(600),
            Duration.ofSeconds(5)),
        config.provision());
    assertEquals(new ScalingConfig(0, 3, Duration.ZERO), config.scaling());
    assertEquals(new BudgetsConfig(10, 200), config.budgets());
    assertEquals(
        new HealthConfig(
            Duration.ofSeconds(30), 70, 85, 95, 2, Duration.ofSeconds(3), Duration.ofSeconds(4),
            Duration.ofSeconds(60), 10, Duration.ofMinutes(60), false),
        config.health());
    assertEquals(new KeepaliveConfig(Duration.ofMinutes(5), Duration.ofMinutes(10)), config.keepalive());
    assertEquals(new SyncConfig(List.of("/data"), Path.of("/srv/sync"), List.of(),
        SyncConfig.DEFAULT_PARALLEL_TERMINATIONS, 2_000_000_000_000L, 5, 1024, Duration.ofSeconds(30)),
        config.sync());
    assertEquals(new P2pConfig(9000, "run {node_id} {port} {peers}", "/status", "/p2p.log"), config.p2p());
    assertEquals("run vast-42 9000 a:1,b:2",
        config.p2p().commands().startCommand("vast-42", List.of("a:1", "b:2")));
    assertEquals("jdbc:postgresql://db/vastbot", config.store().jdbcUrl());
  }

  @Test
  void environmentOverridesFileAndDefaults() throws IOException {
    write("provision: {max_price: 0.2, image: from/file}\nscaling: {max_instances: 4}\n");
    var env =
        Map.of(
            "VAST_API_URL", "http://127.0.0.1:9999/api/v0",
            "VAST_SSH_KEY", "~/keys/other",
            "VAST_DEFAULT_IMAGE", "from/env:1",
            "VAST_MAX_PRICE", "0.75",
            "VAST_AUTOSCALE_MIN", "1",
            "VAST_AUTOSCALE_MAX", "20",
            "VASTBOT_DB", "jdbc:sqlite:/tmp/x.db");

    var config = ConfigLoader.load(configDir, env, home);

    assertEquals(URI.create("http://127.0.0.1:9999/api/v0"), config.vast().apiUrl());
    assertEquals(Path.of("/home/bot/keys/other"), config.vast().sshKey());
    assertEquals("from/env:1", config.provision().image());
    assertEquals(0.75, config.provision().maxPrice());
    assertEquals(1, config.scaling().minInstances());
    assertEquals(20, config.scaling().maxInstances());
    assertEquals("jdbc:sqlite:/tmp/x.db", config.store().url());
  }

  @Test
  void ignoresBlankEnvironmentVariables() {
    var env = Map.of("VAST_MAX_PRICE", " ", "VAST_AUTOSCALE_MAX", "", "VASTBOT_DB", "");
    assertEquals(VastbotConfig.defaults(home), ConfigLoader.load(configDir, env, home));
  }

  @Test
  void expandsTildeInTheSshKeyAgainstTheGivenHome() throws IOException {
    write("vast: {ssh_key: '~'}\n");
    assertEquals(home, ConfigLoader.load(configDir, Map.of(), home).vast().sshKey());

    write("vast: {ssh_key: relative/key}\n");
    assertEquals(
        Path.of("relative/key"), ConfigLoader.load(configDir, Map.of(), home).vast().sshKey());
  }

  @Test
  void buildsTheProvisionPolicyFromProvisionAndScaling() throws IOException {
    write(
        "provision: {env: {A: b}, boot_timeout_seconds: 120, poll_interval_seconds: 7}\n"
            + "scaling: {max_instances: 4}\n");

    var policy = ConfigLoader.load(configDir, Map.of(), home).provisionPolicy();

    assertEquals("pytorch/pytorch:2.0", policy.image());
    assertEquals(50.0, policy.diskGb());
    assertEquals(0.50, policy.maxDph());
    assertEquals(0.95, policy.minReliability());
    assertEquals("", policy.onstart());
    assertEquals(Map.of("A", "b"), policy.env());
    assertEquals(4, policy.maxInstances());
    assertEquals(Duration.ofSeconds(120), policy.bootTimeout());
    assertEquals(Duration.ofSeconds(7), policy.pollInterval());
    assertEquals(2.00, policy.approvalUsdPerHour(), "slack.provision_approval_usd_per_hour's default");
  }

  @Test
  void takesTheProvisionApprovalThresholdFromTheSlackSection() throws IOException {
    write("slack: {provision_approval_usd_per_hour: 3.5}\n");

    var config = ConfigLoader.load(configDir, Map.of(), home);

    assertEquals(3.5, config.slack().provisionApprovalUsdPerHour());
    assertEquals(3.5, config.provisionPolicy().approvalUsdPerHour());
  }

  @Test
  void takesTheConfigDirFromTheEnvironment() {
    assertEquals(Path.of("config"), ConfigLoader.configDir(Map.of()));
    assertEquals(Path.of("config"), ConfigLoader.configDir(Map.of("VASTBOT_CONFIG_DIR", " ")));
    assertEquals(
        Path.of("/etc/vastbot"),
        ConfigLoader.configDir(Map.of("VASTBOT_CONFIG_DIR", "/etc/vastbot")));
  }

  @Test
  void keepsSecretsOutOfToString() throws IOException {
    write(
        "provision: {env: {TAILSCALE_AUTHKEY: tskey-secret}, onstart: 'login secret-token'}\n"
            + "store: {url: 'jdbc:postgresql://db/x?password=hunter2'}\n");

    var text = ConfigLoader.load(configDir, Map.of(), home).toString();

    assertTrue(text.contains("TAILSCALE_AUTHKEY"), text);
    assertFalse(text.contains("tskey-secret"), text);
    assertFalse(text.contains("secret-token"), text);
    assertFalse(text.contains("hunter2"), text);
  }

  @Test
  void syncReadsItsOptionalPaths_andHowManyTerminationsRunSideBySide() throws IOException {
    write("sync: {paths: [/root/data/games, /root/models], optional_paths: [/root/models],"
        + " parallel_terminations: 2}\n");

    var sync = ConfigLoader.load(configDir, Map.of(), home).sync();

    assertEquals(new SyncConfig(List.of("/root/data/games", "/root/models"), Path.of("var/sync"))
        .withOptionalPaths(List.of("/root/models")).withParallelTerminations(2), sync);
    assertEquals(List.of("~/models"), sync.underLoginHome().optionalPaths());
  }

  @Test
  void syncPathsWithATrailingSlashAreTheSamePaths_soAMissingOneStillMatchesItsSetting() throws IOException {
    write("sync: {paths: [/root/data/games/, ~/models/], optional_paths: [~/models]}\n");

    var sync = ConfigLoader.load(configDir, Map.of(), home).sync();

    assertEquals(List.of("/root/data/games", "~/models"), sync.paths());
    assertEquals(List.of("~/models"), sync.optionalPaths());
  }

  private void write(String yaml) throws IOException {
    Files.writeString(configDir.resolve("vastbot.yaml"), yaml);
  }
}
