package dev.vastbot.cli;

import dev.vastbot.app.AlertRoutes;
import dev.vastbot.app.BotSite;
import dev.vastbot.app.ChatFront;
import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.VastConnection;
import dev.vastbot.app.Vastbot;
import dev.vastbot.config.ConfigLoader;
import dev.vastbot.config.DistributedHostsFile;
import dev.vastbot.config.InstanceUnhealthyAlert;
import dev.vastbot.config.NotificationHooks;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.store.JdbcFleetStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The CLI's door to the bot: reads a verb's config files and environment into a {@link BotSite}
 * (real Vast) and opens the bot on it. Public for the benchmarks beside the product
 * ({@code src/test/java/dev/vastbot/bench}), which build their bot as the verbs do.
 */
public final class BotAssembly {
  private BotAssembly() {}

  public static VastbotConfig config(CliContext context) {
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
  public static Vastbot open(CliContext context, VastbotConfig config) {
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
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, ApprovalPrompts> prompts,
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, AlertSink> alerts) {
    return open(context, config, prompts, alerts, ChannelScope.ofIds(List.of(), false), UserGroups.NONE);
  }

  /**
   * The bot that also answers Slack: commands accepted in {@code channels}, roles from the config
   * and {@code groups}.
   */
  static Vastbot open(CliContext context, VastbotConfig config,
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, ApprovalPrompts> prompts,
      java.util.function.Function<dev.vastbot.fleet.port.FleetStore, AlertSink> alerts, ChannelScope channels,
      UserGroups groups) {
    var store = JdbcFleetStore.open(config.store().jdbcUrl());
    return open(context, config, store, prompts.apply(store), alerts.apply(store), channels, groups);
  }

  /**
   * The bot on a store the caller opened (and the bot closes), with the prompts and alerts the
   * caller made on it: Vast at {@code VAST_API_URL}, the configured SSH key and the config folder's
   * distributed_hosts.yaml and notification_hooks.yaml.
   */
  public static Vastbot open(CliContext context, VastbotConfig config, JdbcFleetStore store, ApprovalPrompts prompts,
      AlertSink alerts, ChannelScope channels, UserGroups groups) {
    BotSite.Market vast = observer -> VastConnection.connect(config.vast(), context.env(), context.clock(),
        context.pause(), context.http(), observer);
    NotificationHooks hooks;
    DistributedHostsFile hosts;
    try {
      hooks = ConfigLoader.loadNotificationHooks(configDir(context), context.env());
      hosts = ConfigLoader.distributedHosts(configDir(context));
    } catch (RuntimeException badFiles) {
      store.close();
      throw badFiles;
    }
    var settings = new Vastbot.Settings(config, config.provisionPolicy(), hooks.instanceUnhealthy().threshold(),
        hooks.costWarning());
    var site = new BotSite(settings, store, vast, config.vast().sshKey(), hosts, context.clock(), context.pause(),
        context.http());
    return site.open(new ChatFront(prompts, alerts, channels, groups, List.of()));
  }
}
