package dev.vastbot.slack;

import java.util.Objects;

/**
 * How the bot talks to Slack. Tokens never appear in {@link #toString()}.
 *
 * @param botToken {@code xoxb-…} for the Web API (posting, editing); null when only a webhook is
 *     configured (commands still answer through their response_url)
 * @param signingSecret verifies HTTP-mode requests; required in HTTP mode
 * @param apiUrl the Web API base ({@code SLACK_API_URL}, default {@code https://slack.com/api/})
 * @param channel where prompts and alerts are posted: a channel id once resolved at start-up
 * @param allowLoopbackResponseUrl whether response URLs on 127.0.0.0/8 are posted to, besides
 *     Slack's own ({@link ResponseUrlPolicy}; {@code slack.allow_loopback_response_url})
 */
public record SlackSettings(String botToken, String signingSecret, String apiUrl, String channel,
    boolean allowLoopbackResponseUrl) {

  public SlackSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(channel, "channel");
    if (!apiUrl.endsWith("/")) {
      apiUrl = apiUrl + "/";
    }
  }

  /** Only Slack's own response URLs. */
  public SlackSettings(String botToken, String signingSecret, String apiUrl, String channel) {
    this(botToken, signingSecret, apiUrl, channel, false);
  }

  /** The same settings posting to {@code channelId} (the configured channel, resolved). */
  public SlackSettings withChannel(String channelId) {
    return new SlackSettings(botToken, signingSecret, apiUrl, channelId, allowLoopbackResponseUrl);
  }

  /** These settings with response URLs on 127.0.0.0/8 allowed (tests, local stand-ins for Slack). */
  public SlackSettings allowingLoopbackResponseUrl() {
    return new SlackSettings(botToken, signingSecret, apiUrl, channel, true);
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken=" + (botToken == null ? "none" : "<redacted>") + ", signingSecret="
        + (signingSecret == null ? "none" : "<redacted>") + ", apiUrl=" + apiUrl + ", channel=" + channel
        + ", allowLoopbackResponseUrl=" + allowLoopbackResponseUrl + "]";
  }
}
