package dev.vastbot.testing;

import dev.vastbot.app.BotMetrics;
import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.Vastbot;
import dev.vastbot.config.SlackConfig;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.GpuProvider;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.fleet.sync.SyncReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The parts of a bot on fakes: no SSH that answers, a sync that copies nothing, logged alerts. */
public final class BotParts {
  private BotParts() {}

  /**
   * A bot that takes Slack commands in {@code channelId}, where {@code operators} may run mutating
   * commands and {@code approvers} decide requests (user ids or user groups in {@code groups}).
   */
  public static Vastbot slackBot(Vastbot.Parts parts, String channelId, List<String> operators,
      List<String> approvers, UserGroups groups) {
    SlackConfig slack = parts.config().slack();
    var roles = new SlackConfig(slack.channel(), approvers, slack.allowSelfApproval(), slack.approvalTimeout(),
        operators, slack.channels(), slack.allowDirectMessages(), slack.provisionApprovalUsdPerHour(),
        slack.allowLoopbackResponseUrl());
    return new Vastbot(parts.withConfig(parts.config().withSlack(roles)), new BotMetrics(parts.clock()),
        ApprovalPrompts.NONE, ChannelScope.ofIds(List.of(channelId), false), groups);
  }

  /** {@link #slackBot(Vastbot.Parts, String, List, List, UserGroups)} without user groups. */
  public static Vastbot slackBot(Vastbot.Parts parts, String channelId, List<String> operators,
      List<String> approvers) {
    return slackBot(parts, channelId, operators, approvers, UserGroups.NONE);
  }

  public static Vastbot.Parts of(GpuProvider provider, InMemoryFleetStore store, MutableClock clock) {
    VastbotConfig config = VastbotConfig.defaults(Path.of("/home/bot"));
    return of(config.provisionPolicy(), provider, store, clock);
  }

  public static Vastbot.Parts of(ProvisionPolicy policy, GpuProvider provider, InMemoryFleetStore store,
      MutableClock clock) {
    return of(VastbotConfig.defaults(Path.of("/home/bot")), policy, provider, store, clock);
  }

  /** With {@code config} (a test's own {@code vastbot.yaml}, loaded) in place of the defaults. */
  public static Vastbot.Parts of(VastbotConfig config, ProvisionPolicy policy, GpuProvider provider,
      InMemoryFleetStore store, MutableClock clock) {
    return new Vastbot.Parts(Vastbot.Settings.of(config, policy),
        new Vastbot.Adapters(provider, store, store.pins(), new Vastbot.Ssh(new ScriptedShell(),
            (target, request, progress) -> new SyncReport(0, 0, 0, 0, List.of(), null, null, List.of(),
                Duration.ZERO), Optional::empty), new LoggedAlerts(), node -> List.of()),
        clock, clock.pause(), List.of());
  }
}
