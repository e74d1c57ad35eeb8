package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code slack} section of {@code vastbot.yaml}.
 *
 * @param channel where the bot posts: a name like {@code #gpu-fleet} or a channel id like {@code
 *     C0123ABCD}
 * @param approvers Slack user ids ({@code U…} or {@code W…}) and user groups ({@code S…}) who may
 *     approve or deny requests
 * @param allowSelfApproval whether an approver may approve a request they made themselves
 * @param approvalTimeout how long a request waits for a decision before it expires
 * @param operators Slack user ids and user groups who may run mutating commands (empty: nobody)
 * @param channels where commands are accepted besides {@code channel}: names or ids
 * @param allowDirectMessages whether commands are accepted in direct messages to the bot
 * @param provisionApprovalUsdPerHour a person's provision that would add more than this per hour
 *     (USD) asks an approver first
 * @param allowLoopbackResponseUrl whether a command's response_url may be a 127.0.0.0/8 address
 *     (tests and local stand-ins for Slack) besides {@code https://hooks.slack.com/…}
 */
public record SlackConfig(String channel, List<String> approvers, boolean allowSelfApproval,
    java.time.Duration approvalTimeout, List<String> operators, List<String> channels,
    boolean allowDirectMessages, double provisionApprovalUsdPerHour, boolean allowLoopbackResponseUrl) {
  private static final Pattern CHANNEL =
      Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{2,}");
  private static final Pattern MEMBER = Pattern.compile("[UWS][A-Z0-9]{2,}");
  private static final String MEMBER_RULE =
      "must be a Slack user id like 'U0123ABCD' or 'W0123ABCD', or a user group id like 'S0123ABCD'";
  private static final String CHANNEL_RULE =
      "must be a channel name like '#gpu-fleet' or a channel id like 'C0123ABCD'";

  public SlackConfig {
    requireNonNull(channel, "channel == null");
    approvers = List.copyOf(approvers);
    requireNonNull(approvalTimeout, "approvalTimeout == null");
    operators = List.copyOf(operators);
    channels = List.copyOf(channels);
    if (!(provisionApprovalUsdPerHour > 0) || Double.isInfinite(provisionApprovalUsdPerHour)) {
      throw new IllegalArgumentException("provisionApprovalUsdPerHour must be a finite amount > 0: "
          + provisionApprovalUsdPerHour);
    }
  }

  /**
   * A section with only the original keys: no other channel, no direct messages, provisions asking
   * for approval above the default $2.00/h, only Slack's own response URLs.
   */
  public SlackConfig(String channel, List<String> approvers, boolean allowSelfApproval,
      java.time.Duration approvalTimeout, List<String> operators) {
    this(channel, approvers, allowSelfApproval, approvalTimeout, operators, List.of(), false,
        dev.vastbot.fleet.ProvisionPolicy.DEFAULT_APPROVAL_USD_PER_HOUR, false);
  }

  /** Where commands are accepted: {@code channel} first, then {@code channels}, each once. */
  public List<String> commandChannels() {
    var all = new java.util.LinkedHashSet<String>();
    all.add(channel);
    all.addAll(channels);
    return List.copyOf(all);
  }

  static SlackConfig read(ConfigSection slack) {
    var channel = slack.text("channel", "#gpu-fleet").require(name -> CHANNEL.matcher(name).matches(), CHANNEL_RULE);
    var approvers = members(slack, "approvers");
    var operators = members(slack, "operators");
    var channels = slack.textList("channels", List.of()).stream()
        .map(item -> item.require(name -> CHANNEL.matcher(name).matches(), CHANNEL_RULE))
        .map(Setting::value)
        .toList();
    var allowDm = slack.bool("allow_dm", false);
    var selfApproval = slack.bool("allow_self_approval", false);
    var timeout = slack.integer("approval_timeout_minutes", 30).require(m -> m >= 1 && m <= 7 * 24 * 60,
        "must be between 1 and 10080 (a week)");
    var approvalPerHour = slack.decimal("provision_approval_usd_per_hour",
        dev.vastbot.fleet.ProvisionPolicy.DEFAULT_APPROVAL_USD_PER_HOUR)
        .require(usd -> usd > 0 && !usd.isInfinite(), "must be greater than 0");
    var loopbackResponseUrl = slack.bool("allow_loopback_response_url", false);
    slack.rejectUnknownKeys();
    return new SlackConfig(channel.value(), approvers, selfApproval.value(),
        java.time.Duration.ofMinutes(timeout.value()), operators, channels, allowDm.value(), approvalPerHour.value(),
        loopbackResponseUrl.value());
  }

  private static List<String> members(ConfigSection slack, String key) {
    return slack.textList(key, List.of()).stream()
        .map(member -> member.require(id -> MEMBER.matcher(id).matches(), MEMBER_RULE))
        .map(Setting::value)
        .toList();
  }
}
