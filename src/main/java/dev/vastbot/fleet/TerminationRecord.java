package dev.vastbot.fleet;

/**
 * What a termination operation is about, beside its journal row.
 *
 * @param forceWithoutSync an approver asked to destroy without copying the data first (recorded in
 *     the audit log as such)
 */
public record TerminationRecord(long operationId, long instanceId, boolean forceWithoutSync) {}
