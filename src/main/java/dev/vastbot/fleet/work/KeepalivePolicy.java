package dev.vastbot.fleet.work;

import java.time.Duration;

/**
 * How keepalive acts.
 *
 * @param restartTimeout how long a restarted instance may take to run again before it is marked
 *     for replacement (its GPU was probably taken)
 * @param pollInterval how often to look while waiting
 * @param failuresBeforeAction consecutive failed health checks before a loop acts on an instance
 *     (a person's explicit command acts at once)
 * @param commandDeadline the deadline of one remote command
 */
public record KeepalivePolicy(Duration restartTimeout, Duration pollInterval, int failuresBeforeAction,
    Duration commandDeadline) {}
