package dev.vastbot.fleet;

import java.time.Instant;

/**
 * One line of the append-only audit log, written by every mutating command.
 *
 * @param actor who asked ("cli", "console", a Slack user id, "loop:keepalive")
 * @param action what was asked ("provision", "destroy", ...)
 * @param target what it acted on
 * @param outcome what happened, for people
 */
public record AuditEntry(Instant at, String actor, String action, String target, String outcome) {}
