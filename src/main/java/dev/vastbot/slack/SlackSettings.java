package dev.vastbot.slack;

import java.util.Objects;
import java.util.Set;

/**
 * How the bot talks to Slack. Tokens never appear in {@link #toString()}.
 *
 * @param botToken {@code xoxb-…} for the Web API (posting, editing); null when only a webhook is
 *     configured (commands still answer through their response_url)
 * @param signingSecret verifies HTTP-mode requests; required in HTTP mode
 * @param apiUrl the Web API base ({@code SLACK_API_URL}, default {@code https://slack.com/api/})
 * @param channel where prompts and alerts are posted
 * @param operators who may run mutating commands (empty: anyone in the channel)
 */
public record SlackSettings(String botToken, String signingSecret, String apiUrl, String channel,
    Set<String> operators) {

  public SlackSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(channel, "channel");
    operators = Set.copyOf(operators);
    if (!apiUrl.endsWith("/")) {
      apiUrl = apiUrl + "/";
    }
  }

  public boolean mayOperate(String userId) {
    return operators.isEmpty() || operators.contains(userId);
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken=" + (botToken == null ? "none" : "<redacted>") + ", signingSecret="
        + (signingSecret == null ? "none" : "<redacted>") + ", apiUrl=" + apiUrl + ", channel=" + channel
        + ", operators=" + operators + "]";
  }
}
