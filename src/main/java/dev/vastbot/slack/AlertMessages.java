package dev.vastbot.slack;

import static com.slack.api.model.block.Blocks.section;

import dev.vastbot.fleet.Alert;
import java.util.List;

/**
 * How alerts look in Slack: an incident's first message (the thread's parent), a later update in
 * its thread, and its resolution (a note in the thread, and the parent edited to it). The alert's
 * text comes from hosts and Vast: it is escaped once and shown as {@code plain_text} (no mention,
 * link or formatting from it); the notification text is its first line, at most {@value
 * #FALLBACK_CHARS} characters. The messages are not yet fitted ({@link BlockKitLimits#fit} is the
 * sender's). Pure and thread-safe.
 */
public final class AlertMessages {
  static final int FALLBACK_CHARS = 300;

  private AlertMessages() {}

  /** The first message of an incident, which becomes its thread's parent. */
  public static SlackMessage post(Alert alert) {
    return shown(icon(alert.severity()) + " ", alert.text());
  }

  /** A later alert of an open incident, posted in its thread. */
  public static SlackMessage reply(Alert alert) {
    return post(alert);
  }

  /** An incident's resolution: the note in its thread, and what its parent is edited to. */
  public static SlackMessage resolved(String text) {
    return shown(":white_check_mark: Resolved: ", text);
  }

  /**
   * A message of the bot's own words {@code ours} (no markup) followed by outside text: the look of
   * an alert sent to an incoming webhook, which has no threads.
   */
  static SlackMessage shown(String ours, String outside) {
    EscapedText text = EscapedText.of(ours).plus(outside);
    EscapedText fallback = EscapedText.of(ours).plus(EscapedText.line(outside, FALLBACK_CHARS - ours.length()));
    return SlackMessage.of(fallback, List.of(section(s -> s.text(TextObjects.plain(text)))));
  }

  private static String icon(Alert.Severity severity) {
    return switch (severity) {
      case CRITICAL -> ":rotating_light:";
      case WARNING -> ":warning:";
      case INFO -> ":information_source:";
    };
  }
}
