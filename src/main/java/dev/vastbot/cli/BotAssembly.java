package dev.vastbot.cli;

import dev.vastbot.app.AlertRoutes;
import dev.vastbot.app.BotMetrics;
import dev.vastbot.app.HostsFilePeers;
import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.SshSetup;
import dev.vastbot.app.VastConnection;
import dev.vastbot.app.Vastbot;
import dev.vastbot.app.config.ConfigLoader;
import dev.vastbot.app.config.InstanceUnhealthyAlert;
import dev.vastbot.app.config.NotificationHooks;
import dev.vastbot.app.config.VastbotConfig;
import dev.vastbot.fleet.AlertSink;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.UserGroups;
import dev.vastbot.fleet.approval.ApprovalPrompts;
import dev.vastbot.store.JdbcFleetStore;
import java.nio.file.Path;
import java.util.List;

/** Builds the bot for a CLI verb from the config files and the environment. */
final class BotAssembly {
  private BotAssembly() {}

  static VastbotConfig config(CliContext context) {
    return ConfigLoader.load(configDir(context), context.env(), context.home());
  }

  static Path configDir(CliContext context) {
    return ConfigLoader.configDir(context.env());
  }

  /**
   * Config, a Vast client for VAST_API_URL, the store and SSH; the caller closes it. Alerts are
   * logged, and a cost warning also goes to {@code vast_alerts.cost_warning.webhook} when it is set,
   * so a team on cron alone hears of it too; other alerts stay in the log, as before.
   */
  static Vastbot open(CliContext context, VastbotConfig config) {
    var costWarningOnly = new NotificationHooks(InstanceUnhealthyAlert.off(),
        ConfigLoader.loadNotificationHooks(configDir(context), context.env()).costWarning());
    AlertSink alerts = AlertRoutes.of(new LoggedAlerts(), null, costWarningOnly, context.http());
    return open(context, config, store -> ApprovalPrompts.NONE, store -> alerts);
  }

  /**
   * {@link #open(CliContext, VastbotConfig)} with approval prompts and alerts made on the bot's
   * store (Slack messages and threads in {@code serve}).
   */
  static Vastbot open(CliContext context, VastbotConfig config,
      java.util.function.Function<dev.vastbot.fleet.FleetStore, ApprovalPrompts> prompts,
      java.util.function.Function<dev.vastbot.fleet.FleetStore, AlertSink> alerts) {
    return open(context, config, prompts, alerts, ChannelScope.ofIds(List.of(), false), UserGroups.NONE);
  }

  /**
   * The bot that also answers Slack: commands accepted in {@code channels}, roles from the config
   * and {@code groups}.
   */
  static Vastbot open(CliContext context, VastbotConfig config,
      java.util.function.Function<dev.vastbot.fleet.FleetStore, ApprovalPrompts> prompts,
      java.util.function.Function<dev.vastbot.fleet.FleetStore, AlertSink> alerts, ChannelScope channels,
      UserGroups groups) {
    var store = JdbcFleetStore.open(config.store().jdbcUrl());
    return open(context, config, store, prompts.apply(store), alerts.apply(store), channels, groups);
  }

  /**
   * The bot on a store the caller opened (and the bot closes), with the prompts and alerts the
   * caller made on it.
   */
  static Vastbot open(CliContext context, VastbotConfig config, JdbcFleetStore store, ApprovalPrompts prompts,
      AlertSink alerts, ChannelScope channels, UserGroups groups) {
    var metrics = new BotMetrics(context.clock());
    dev.vastbot.fleet.GpuProvider provider;
    try {
      provider = VastConnection.connect(config.vast(), context.env(), context.clock(), context.pause(), context.http(),
          metrics);
    } catch (RuntimeException cannotConnect) {
      store.close();
      throw cannotConnect;
    }
    var shell = SshSetup.shell(config, store, context.clock());
    var hosts = ConfigLoader.distributedHosts(configDir(context));
    Path key = config.vast().sshKey();
    var hooks = ConfigLoader.loadNotificationHooks(configDir(context), context.env());
    return new Vastbot(new Vastbot.Parts(config, config.provisionPolicy(), provider, store, store, shell,
        SshSetup.dataSync(shell, config.sync()), () -> SshSetup.publicKey(key), alerts, new HostsFilePeers(hosts, config.p2p().port()),
        context.clock(), context.pause(), List.of(), hooks.instanceUnhealthy().threshold(), hooks.costWarning(),
        context.http()),
        metrics, prompts, channels, groups);
  }
}
