package dev.vastbot.fleet.access;

import dev.vastbot.fleet.Actor;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sends a command, and through which face: a Slack user in a channel or a direct message, or
 * the bot's local operator at its console or on its command line (who holds its config and API
 * key, and so may do anything).
 *
 * @param actor written into the journal and the audit log
 * @param channelId the Slack channel the command came from; null for local faces
 * @param directMessage whether a Slack command came from a direct message (one to one or a group
 *     DM) rather than a channel
 */
public record Caller(Actor actor, Face face, String channelId, boolean directMessage) {

  /** Where a command comes from. */
  public enum Face {
    SLACK,
    CONSOLE,
    CLI
  }

  public Caller {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(face, "face");
    if (face == Face.SLACK && channelId == null) {
      throw new IllegalArgumentException("a Slack caller has a channel");
    }
  }

  /** The local operator at the console ({@code demo}). */
  public static Caller console() {
    return new Caller(Actor.CONSOLE, Face.CONSOLE, null, false);
  }

  /** The local operator running a CLI verb (cron, a shell). */
  public static Caller cli() {
    return new Caller(Actor.CLI, Face.CLI, null, false);
  }

  /**
   * A local caller acting as {@code actor}: the console's or the CLI's own actor, a loop, or a test
   * playing a person whose rights are not the point. Never for a request that came over Slack.
   */
  public static Caller local(Actor actor) {
    return new Caller(actor, Face.CLI, null, false);
  }

  /** A Slack user ({@code U…} or {@code W…}) in a channel or a direct message. */
  public static Caller slack(String userId, String channelId, boolean directMessage) {
    return new Caller(new Actor(userId), Face.SLACK, channelId, directMessage);
  }

  /** Whether the command comes from the bot's own machine rather than from Slack. */
  public boolean local() {
    return face != Face.SLACK;
  }

  public Optional<String> channel() {
    return Optional.ofNullable(channelId);
  }
}
