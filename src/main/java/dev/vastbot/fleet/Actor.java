package dev.vastbot.fleet;

import java.util.Objects;

/**
 * Who asked for something: "console", "cli", a Slack user id, or a loop ("loop:keepalive").
 * Written into the journal and the audit log.
 */
public record Actor(String id) {
  public static final Actor CONSOLE = new Actor("console");
  public static final Actor CLI = new Actor("cli");

  public Actor {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public String toString() {
    return id;
  }
}
