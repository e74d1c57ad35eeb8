package dev.vastbot.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * What recording one health check made of the instance's state.
 *
 * @param failuresBefore its consecutive failures before this check
 * @param streak its streak including this check
 * @param idleSince since when its GPUs have been idle without a break; empty when busy
 */
public record RecordedHealthCheck(long instanceId, int failuresBefore, HealthStreak streak,
    Optional<Instant> idleSince) {}
