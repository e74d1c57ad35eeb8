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
 */
public record SlackSettings(String botToken, String signingSecret, String apiUrl, String channel) {

  public SlackSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(channel, "channel");
    if (!apiUrl.endsWith("/")) {
      apiUrl = apiUrl + "/";
    }
  }

  /** The same settings posting to {@code channelId} (the configured channel, resolved). */
  public SlackSettings withChannel(String channelId) {
    return new SlackSettings(botToken, signingSecret, apiUrl, channelId);
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken=" + (botToken == null ? "none" : "<redacted>") + ", signingSecret="
        + (signingSecret == null ? "none" : "<redacted>") + ", apiUrl=" + apiUrl + ", channel=" + channel + "]";
  }
}
