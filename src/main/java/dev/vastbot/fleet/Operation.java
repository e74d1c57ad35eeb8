package dev.vastbot.fleet;

import java.time.Instant;

/**
 * One journaled operation: what was asked, by whom, and where it stands.
 *
 * @param kind what was asked ("provision", "destroy", ...)
 * @param target what it acts on ("RTX 4090 x2", "instance 1234"), free text for people
 * @param detail the latest progress or failure, free text for people; never a secret
 */
public record Operation(
    long id,
    String kind,
    String requestedBy,
    String target,
    OperationState state,
    String detail,
    Instant createdAt,
    Instant updatedAt) {}
