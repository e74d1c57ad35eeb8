package dev.vastbot.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the files in the config folder. The only place that should be handed the process
 * environment; callers pass {@code System.getenv()} and {@code Path.of(System.getProperty(
 * "user.home"))}, tests pass their own.
 *
 * <p>Precedence for each key: environment variable (when named and non-blank), then the file, then
 * the default written beside the key. Every problem is a {@link ConfigException}.
 */
public final class ConfigLoader {
  /** Folder used when {@code VASTBOT_CONFIG_DIR} is not set. */
  public static final String DEFAULT_CONFIG_DIR = "config";

  /** Name of the main file inside the config folder. */
  public static final String VASTBOT_FILE = "vastbot.yaml";

  /** Name of the alert hooks file inside the config folder. */
  public static final String NOTIFICATION_HOOKS_FILE = "notification_hooks.yaml";

  /** Name of the cluster host list inside the config folder. */
  public static final String DISTRIBUTED_HOSTS_FILE = "distributed_hosts.yaml";

  private ConfigLoader() {}

  /** The config folder: {@code VASTBOT_CONFIG_DIR} if set and non-blank, else {@code config/}. */
  public static Path configDir(Map<String, String> env) {
    var configured = env.get("VASTBOT_CONFIG_DIR");
    return Path.of(configured == null || configured.isBlank() ? DEFAULT_CONFIG_DIR : configured);
  }

  /**
   * Loads {@code vastbot.yaml} from {@code configDir}, applies the environment overrides and
   * validates everything. A missing file means all defaults (plus the environment).
   *
   * @param homeDir what {@code ~} in paths stands for
   * @throws ConfigException naming the file or variable, the key and the problem
   */
  public static VastbotConfig load(Path configDir, Map<String, String> env, Path homeDir) {
    var file = configDir.resolve(VASTBOT_FILE);
    var root = new YamlTreeReader().readFile(file);
    return VastbotConfig.read(ConfigSection.root(file.toString(), root, env, true), homeDir);
  }

  /**
   * Loads the {@code vast_alerts} section of {@code notification_hooks.yaml}, expanding {@code
   * ${NAME}} and {@code ${NAME:-default}} from {@code env}. A missing file or section means all
   * alerts are disabled.
   *
   * @throws ConfigException naming the file, the key and the problem, never an expanded value
   */
  public static NotificationHooks loadNotificationHooks(Path configDir, Map<String, String> env) {
    var file = configDir.resolve(NOTIFICATION_HOOKS_FILE);
    var root = new YamlTreeReader().readFile(file);
    return NotificationHooks.read(file.toString(), root, env);
  }

  /** The cluster host list in {@code configDir}; the file need not exist yet. */
  public static DistributedHostsFile distributedHosts(Path configDir) {
    return DistributedHostsFile.at(configDir.resolve(DISTRIBUTED_HOSTS_FILE));
  }
}
