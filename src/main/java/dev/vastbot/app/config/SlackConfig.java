package dev.vastbot.app.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code slack} section of {@code vastbot.yaml}.
 *
 * @param channel where the bot posts: a name like {@code #gpu-fleet} or a channel id like {@code
 *     C0123ABCD}
 * @param approvers Slack user ids ({@code U…} or {@code W…}) who may approve costly actions
 * @param allowSelfApproval whether an approver may approve a request they made themselves
 * @param approvalTimeout how long a request waits for a decision before it expires
 * @param operators Slack user ids who may run mutating commands (empty: anyone in the channel)
 * @param provisionApprovalUsdPerHour a person's provision that would add more than this per hour
 *     (USD, at its price ceiling) asks an approver first
 */
public record SlackConfig(String channel, List<String> approvers, boolean allowSelfApproval,
    java.time.Duration approvalTimeout, List<String> operators, double provisionApprovalUsdPerHour) {
  private static final Pattern CHANNEL =
      Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{2,}");
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

  public SlackConfig {
    requireNonNull(channel, "channel == null");
    approvers = List.copyOf(approvers);
    requireNonNull(approvalTimeout, "approvalTimeout == null");
    operators = List.copyOf(operators);
    if (!(provisionApprovalUsdPerHour > 0) || Double.isInfinite(provisionApprovalUsdPerHour)) {
      throw new IllegalArgumentException("provisionApprovalUsdPerHour must be a finite amount > 0: "
          + provisionApprovalUsdPerHour);
    }
  }

  /** With provisions asking for approval above the default $2.00/h. */
  public SlackConfig(String channel, List<String> approvers, boolean allowSelfApproval,
      java.time.Duration approvalTimeout, List<String> operators) {
    this(channel, approvers, allowSelfApproval, approvalTimeout, operators,
        dev.vastbot.fleet.ProvisionPolicy.DEFAULT_APPROVAL_USD_PER_HOUR);
  }

  static SlackConfig read(ConfigSection slack) {
    var channel =
        slack
            .text("channel", "#gpu-fleet")
            .require(
                name -> CHANNEL.matcher(name).matches(),
                "must be a channel name like '#gpu-fleet' or a channel id like 'C0123ABCD'");
    var approvers =
        slack.textList("approvers", List.of()).stream()
            .map(
                approver ->
                    approver.require(
                        id -> USER_ID.matcher(id).matches(),
                        "must be a Slack user id like 'U0123ABCD' or 'W0123ABCD'"))
            .map(Setting::value)
            .toList();
    var operators =
        slack.textList("operators", List.of()).stream()
            .map(operator -> operator.require(id -> USER_ID.matcher(id).matches(),
                "must be a Slack user id like 'U0123ABCD' or 'W0123ABCD'"))
            .map(Setting::value)
            .toList();
    var selfApproval = slack.bool("allow_self_approval", false);
    var timeout = slack.integer("approval_timeout_minutes", 30).require(m -> m >= 1 && m <= 7 * 24 * 60,
        "must be between 1 and 10080 (a week)");
    var approvalPerHour = slack.decimal("provision_approval_usd_per_hour",
        dev.vastbot.fleet.ProvisionPolicy.DEFAULT_APPROVAL_USD_PER_HOUR)
        .require(usd -> usd > 0 && !usd.isInfinite(), "must be greater than 0");
    slack.rejectUnknownKeys();
    return new SlackConfig(channel.value(), approvers, selfApproval.value(),
        java.time.Duration.ofMinutes(timeout.value()), operators, approvalPerHour.value());
  }
}
