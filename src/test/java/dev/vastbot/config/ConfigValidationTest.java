package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidationTest {
  @TempDir Path configDir;

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of(
            "scaling: {min_instances: 2, max_instances: 1}",
            "scaling.max_instances: must be at least scaling.min_instances (2), got 1"),
        Arguments.of(
            "scaling: {min_instances: 12}",
            "scaling.min_instances: must be at most scaling.max_instances (10), got 12"),
        Arguments.of(
            "scaling: {min_instances: -1}", "scaling.min_instances: must be at least 0, got -1"),
        Arguments.of(
            "provision: {max_price: 0}", "provision.max_price: must be greater than 0, got 0"),
        Arguments.of(
            "slack: {provision_approval_usd_per_hour: 0}",
            "slack.provision_approval_usd_per_hour: must be greater than 0, got 0"),
        Arguments.of(
            "slack: {provision_approval_usd_per_hour: -1.5}",
            "slack.provision_approval_usd_per_hour: must be greater than 0, got -1.5"),
        Arguments.of(
            "provision: {min_reliability: 1.5}",
            "provision.min_reliability: must be between 0 and 1, got 1.5"),
        Arguments.of(
            "provision: {disk_gb: big}", "provision.disk_gb: expected a number, got text 'big'"),
        Arguments.of(
            "provision: {boot_timeout_seconds: 0}",
            "provision.boot_timeout_seconds: must be greater than 0, got 0"),
        Arguments.of(
            "provision: {boot_timeout_seconds: 5}",
            "provision.poll_interval_seconds: must be at most provision.boot_timeout_seconds (5),"
                + " got 10"),
        Arguments.of(
            "provision: {env: {BAD-NAME: x}}",
            "provision.env: 'BAD-NAME' is not a valid environment variable name"),
        Arguments.of("provision: {env: {A: [1]}}", "provision.env.A: expected text, got a list"),
        Arguments.of("provision: {image: ''}", "provision.image: must be an image name, got ''"),
        Arguments.of(
            "vast: {request_timeout_seconds: 2.5}",
            "vast.request_timeout_seconds: expected a whole number, got 2.5"),
        Arguments.of(
            "vast: {request_timeout_seconds: '30'}",
            "vast.request_timeout_seconds: expected a whole number, got text '30'"),
        Arguments.of(
            "vast: {max_attempts: 99999999999}",
            "vast.max_attempts: must be a smaller whole number, got 99999999999"),
        Arguments.of("vast: {max_attempts: 0}", "vast.max_attempts: must be at least 1, got 0"),
        Arguments.of(
            "vast: {max_response_mib: 0}",
            "vast.max_response_mib: must be between 1 and 1024, got 0"),
        Arguments.of(
            "vast: {api_url: 'ftp://x'}",
            "vast.api_url: must be an http(s) URL like https://console.vast.ai/api/v0"),
        Arguments.of("vast: {ssh_key: 42}", "vast.ssh_key: expected text, got 42"),
        Arguments.of(
            "slack: {approvers: [U123ABC, bob]}",
            "slack.approvers[1]: must be a Slack user id like 'U0123ABCD' or 'W0123ABCD', or a user"
                + " group id like 'S0123ABCD', got 'bob'"),
        Arguments.of(
            "slack: {operators: ['#ops']}",
            "slack.operators[0]: must be a Slack user id like 'U0123ABCD' or 'W0123ABCD', or a user"
                + " group id like 'S0123ABCD', got '#ops'"),
        Arguments.of(
            "slack: {channels: [gpu-fleet]}",
            "slack.channels[0]: must be a channel name like '#gpu-fleet' or a channel id like"
                + " 'C0123ABCD', got 'gpu-fleet'"),
        Arguments.of("slack: {allow_dm: maybe}", "slack.allow_dm: expected true or false, got text 'maybe'"),
        Arguments.of(
            "slack: {approvers: U123ABC}", "slack.approvers: expected a list, got text 'U123ABC'"),
        Arguments.of(
            "slack: {channel: 'gpu fleet'}",
            "slack.channel: must be a channel name like '#gpu-fleet' or a channel id like"
                + " 'C0123ABCD', got 'gpu fleet'"),
        Arguments.of(
            "budgets: {daily_usd: 100, monthly_usd: 50}",
            "budgets.monthly_usd: must be at least budgets.daily_usd (100), got 50"),
        Arguments.of(
            "budgets: {daily_usd: 2000}",
            "budgets.daily_usd: must be at most budgets.monthly_usd (1000.0), got 2000"),
        Arguments.of(
            "health: {memory_warning_percent: 101}",
            "health.memory_warning_percent: must be between 1 and 100, got 101"),
        Arguments.of(
            "health: {gpu_util_target_percent: -5}",
            "health.gpu_util_target_percent: must be between 0 and 100, got -5"),
        Arguments.of(
            "sync: {min_bytes_per_second: -1}",
            "sync.min_bytes_per_second: must be 0 (no minimum) or more, got -1"),
        Arguments.of(
            "sync: {min_rate_grace_seconds: 0}",
            "sync.min_rate_grace_seconds: must be at least 1, got 0"),
        Arguments.of(
            "health: {failures_before_action: 0}",
            "health.failures_before_action: must be at least 1, got 0"),
        Arguments.of(
            "health: {connect_timeout_seconds: 0}",
            "health.connect_timeout_seconds: must be greater than 0, got 0"),
        Arguments.of(
            "keepalive: {interval_minutes: 0}",
            "keepalive.interval_minutes: must be greater than 0, got 0"),
        Arguments.of(
            "sync: {paths: [data/games]}",
            "sync.paths[0]: must be an absolute path (or start with ~/, the login's home on the instance), got 'data/games'"),
        Arguments.of("sync: {paths: [[1]]}", "sync.paths[0]: expected text, got a list"),
        Arguments.of(
            "sync: {paths: [/root//models]}",
            "sync.paths[0]: must be a normal path below / or ~/ (no empty, . or .. part), got '/root//models'"),
        Arguments.of(
            "sync: {paths: [~/data/../models]}",
            "sync.paths[0]: must be a normal path below / or ~/ (no empty, . or .. part), got '~/data/../models'"),
        Arguments.of(
            "sync: {paths: [/]}",
            "sync.paths[0]: must be a normal path below / or ~/ (no empty, . or .. part), got '/'"),
        Arguments.of(
            "sync: {max_bytes_per_instance: 0}",
            "sync.max_bytes_per_instance: must be at least 1, got 0"),
        Arguments.of(
            "sync: {max_bytes_per_instance: 5.5e11}",
            "sync.max_bytes_per_instance: expected a whole number, got 5.5E11"),
        Arguments.of(
            "sync: {keep_free_percent: 100}",
            "sync.keep_free_percent: must be between 0 and 99, got 100"),
        Arguments.of(
            "sync: {paths: [/data/games, /data/models], optional_paths: [/data/modles]}",
            "sync.optional_paths[0]: must be one of sync.paths [/data/games, /data/models], got '/data/modles'"),
        Arguments.of(
            "sync: {paths: [/data/games, /data/models], optional_paths: [/data/models, /data/games]}",
            "sync.optional_paths[0]: names every one of sync.paths as optional; at least one must be required,"
                + " or a host with nothing at any path would count as copied, got '/data/models'"),
        Arguments.of(
            "sync: {parallel_terminations: 0}", "sync.parallel_terminations: must be 1..32, got 0"),
        Arguments.of("p2p: {port: 70000}", "p2p.port: must be between 1 and 65535, got 70000"),
        Arguments.of(
            "p2p: {health_path: health}", "p2p.health_path: must start with /, got 'health'"),
        Arguments.of(
            "p2p: {start_command: \"run --peers '{peers}\"}",
            "p2p.start_command: must have balanced quotes, $( ) and backticks (vastbot follows"
                + " them to quote each value), got 'run --peers '{peers}'"),
        Arguments.of(
            "workers: {board_by_gpu: {RTX 4090: 'hex8; id'}}",
            "workers.board_by_gpu: every board must be a board name like square8 (letters, digits,"
                + " _ or -)"),
        Arguments.of(
            "store: {url: 'postgres://u:pw@db/x'}",
            "store.url: must be a JDBC URL starting with 'jdbc:'"),
        Arguments.of("scaling: 5", "scaling: expected a mapping, got a number"),
        Arguments.of("scaling: [1, 2]", "scaling: expected a mapping, got a list"));
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void namesFileKeyAndProblemInOneLine(String yaml, String expectedProblem) throws IOException {
    var file = write(yaml + "\n");
    assertEquals(file + ": " + expectedProblem, loadFails(Map.of()).getMessage());
  }

  static Stream<Arguments> invalidEnvironments() {
    return Stream.of(
        Arguments.of(Map.of("VAST_MAX_PRICE", "abc"), "VAST_MAX_PRICE: not a number: 'abc'"),
        Arguments.of(Map.of("VAST_MAX_PRICE", "NaN"), "VAST_MAX_PRICE: not a number: 'NaN'"),
        Arguments.of(Map.of("VAST_MAX_PRICE", "1e999"), "VAST_MAX_PRICE: not a number: '1e999'"),
        Arguments.of(
            Map.of("VAST_MAX_PRICE", "-1"), "VAST_MAX_PRICE: must be greater than 0, got -1"),
        Arguments.of(
            Map.of("VAST_AUTOSCALE_MIN", "two"), "VAST_AUTOSCALE_MIN: not a whole number: 'two'"),
        Arguments.of(
            Map.of("VAST_AUTOSCALE_MAX", "1"),
            "VAST_AUTOSCALE_MAX: must be at least scaling.min_instances (2), got 1"),
        Arguments.of(
            Map.of("VAST_AUTOSCALE_MIN", "11"),
            "VAST_AUTOSCALE_MIN: must be at most scaling.max_instances (10), got 11"),
        Arguments.of(
            Map.of("VAST_API_URL", "not a url"),
            "VAST_API_URL: must be an http(s) URL like https://console.vast.ai/api/v0"),
        Arguments.of(
            Map.of("VASTBOT_DB", "postgres://user:hunter2@db/x"),
            "VASTBOT_DB: must be a JDBC URL starting with 'jdbc:'"),
        Arguments.of(
            Map.of("VAST_DEFAULT_IMAGE", "two words"),
            "VAST_DEFAULT_IMAGE: must be an image name, got 'two words'"));
  }

  @ParameterizedTest
  @MethodSource("invalidEnvironments")
  void namesTheEnvironmentVariable(Map<String, String> env, String expectedMessage) {
    assertEquals(expectedMessage, loadFails(env).getMessage());
  }

  @Test
  void suggestsTheKeyThatWasMeantForATopLevelTypo() throws IOException {
    var file = write("scalling:\n  max_instances: 4\n");
    assertEquals(
        file + ": unknown key 'scalling'; did you mean 'scaling'?",
        loadFails(Map.of()).getMessage());
  }

  @Test
  void suggestsTheKeyThatWasMeantForANestedTypo() throws IOException {
    var file = write("scaling:\n  max_instance: 4\n");
    assertEquals(
        file + ": scaling: unknown key 'max_instance'; did you mean 'max_instances'?",
        loadFails(Map.of()).getMessage());
  }

  @Test
  void suggestsTheLowerCaseKeyForACapitalisedOne() throws IOException {
    var file = write("Budgets: {}\n");
    assertEquals(
        file + ": unknown key 'Budgets'; did you mean 'budgets'?",
        loadFails(Map.of()).getMessage());
  }

  @Test
  void listsTheKnownKeysWhenNothingIsClose() throws IOException {
    var file = write("keepalive:\n  frequency: 4\n");
    assertEquals(
        file + ": keepalive: unknown key 'frequency' (known keys: interval_minutes, restart_timeout_minutes)",
        loadFails(Map.of()).getMessage());
  }

  @Test
  void reportsTheLineOfInvalidYaml() throws IOException {
    var file =
        write("slack:\n  channel: '#a'\nscaling:\n  min_instances: 1\n    max_instances: 2\n");
    var message = loadFails(Map.of()).getMessage();
    assertTrue(message.startsWith(file + " line 5: not valid YAML: "), message);
  }

  @Test
  void rejectsDuplicateKeys() throws IOException {
    var file = write("scaling: {}\nbudgets: {}\nscaling: {}\n");
    var message = loadFails(Map.of()).getMessage();
    assertTrue(message.startsWith(file + " line 3: not valid YAML: "), message);
    assertTrue(message.contains("'scaling'"), message);
  }

  @Test
  void rejectsADocumentThatIsNotAMapping() throws IOException {
    var file = write("- scaling\n- budgets\n");
    assertEquals(
        file + ": expected a mapping of keys at the top level, got a list",
        loadFails(Map.of()).getMessage());
  }

  @Test
  void neverShowsSecretsInMessages() throws IOException {
    write("store: {url: 'mysql://root:hunter2@db'}\n");
    assertFalse(loadFails(Map.of()).getMessage().contains("hunter2"));

    write("provision: {env: {BAD-NAME: hunter2}}\n");
    assertFalse(loadFails(Map.of()).getMessage().contains("hunter2"));

    write("vast: {api_url: 'ftp://host/?api_key=hunter2'}\n");
    assertFalse(loadFails(Map.of()).getMessage().contains("hunter2"));
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(configDir.resolve("vastbot.yaml"), yaml);
  }

  private ConfigException loadFails(Map<String, String> env) {
    var failure =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(configDir, env, Path.of("/home/bot")));
    var message = failure.getMessage();
    assertFalse(message.contains("\n") || message.contains("\r"), message);
    return failure;
  }
}
