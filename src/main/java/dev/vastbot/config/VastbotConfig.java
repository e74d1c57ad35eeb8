package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.alert.AlertSettings;
import dev.vastbot.fleet.autoscale.AutoscalerPolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bot's whole configuration, read once at start-up from {@code config/vastbot.yaml} and the
 * environment by {@link ConfigLoader}. Immutable; every key has a default (see each section's
 * {@code read}) and every value was validated when it was loaded.
 */
public record VastbotConfig(
    SlackConfig slack,
    VastConfig vast,
    ProvisionConfig provision,
    ScalingConfig scaling,
    BudgetsConfig budgets,
    HealthConfig health,
    KeepaliveConfig keepalive,
    SyncConfig sync,
    P2pConfig p2p,
    WorkersConfig workers,
    StoreConfig store,
    AutoscalerPolicy autoscaler,
    AlertSettings alerts) {

  public VastbotConfig {
    requireNonNull(slack, "slack == null");
    requireNonNull(vast, "vast == null");
    requireNonNull(provision, "provision == null");
    requireNonNull(scaling, "scaling == null");
    requireNonNull(budgets, "budgets == null");
    requireNonNull(health, "health == null");
    requireNonNull(keepalive, "keepalive == null");
    requireNonNull(sync, "sync == null");
    requireNonNull(p2p, "p2p == null");
    requireNonNull(workers, "workers == null");
    requireNonNull(store, "store == null");
    requireNonNull(autoscaler, "autoscaler == null");
    requireNonNull(alerts, "alerts == null");
  }

  /** Every key at its default, as if there were no file and no environment variable. */
  public static VastbotConfig defaults(Path homeDir) {
    return read(ConfigSection.root("<defaults>", null, Map.of(), true), homeDir);
  }

  /** The same configuration with another {@code slack} section. */
  public VastbotConfig withSlack(SlackConfig otherSlack) {
    return new VastbotConfig(otherSlack, vast, provision, scaling, budgets, health, keepalive, sync, p2p, workers,
        store, autoscaler, alerts);
  }

  /**
   * How new instances are rented: {@code provision} plus {@code scaling.max_instances} and {@code
   * slack.provision_approval_usd_per_hour}.
   */
  public ProvisionPolicy provisionPolicy() {
    return new ProvisionPolicy(
        provision.image(),
        provision.diskGb(),
        provision.maxPrice(),
        provision.minReliability(),
        provision.onstart(),
        provision.env(),
        scaling.maxInstances(),
        provision.bootTimeout(),
        provision.pollInterval(),
        slack.provisionApprovalUsdPerHour());
  }

  static VastbotConfig read(ConfigSection root, Path homeDir) {
    var provision = ProvisionConfig.read(root.section("provision"));
    var scaling = ScalingConfig.read(root.section("scaling"));
    var budgets = BudgetsConfig.read(root.section("budgets"));
    var health = HealthConfig.read(root.section("health"));
    var autoscalerDefaults = AutoscalerDefaults.of(scaling, budgets, provision, health);
    var config =
        new VastbotConfig(
            SlackConfig.read(root.section("slack")),
            VastConfig.read(root.section("vast"), homeDir),
            provision,
            scaling,
            budgets,
            health,
            KeepaliveConfig.read(root.section("keepalive")),
            SyncConfig.read(root.section("sync")),
            P2pConfig.read(root.section("p2p")),
            WorkersConfig.read(root.section("workers")),
            StoreConfig.read(root.section("store")),
            AutoscalerConfig.read(root.section("autoscaler"), autoscalerDefaults),
            AlertsConfig.read(root.section("alerts")));
    root.rejectUnknownKeys();
    return config;
  }

  /** This config with another {@code sync} section. */
  public VastbotConfig withSync(SyncConfig other) {
    return new VastbotConfig(
        slack, vast, provision, scaling, budgets, health, keepalive, other, p2p, workers, store,
        autoscaler, alerts);
  }
}
