package dev.vastbot.simulate;

import java.util.Optional;

/**
 * One row of the table.
 *
 * @param aboveTargetHours hours the backlog (queue / running capacity) was above the target
 * @param violations empty for the lower bound, which has no budget
 * @param gamesLeft games still queued when the trace ended
 * @param approvalsAsked NEEDS_APPROVAL decisions (nobody approves in a simulation: not scaled)
 * @param atMaximumHours hours with the group's maximum of instances rented (0 for the lower bound)
 */
record PolicyOutcome(
    String name,
    double costUsd,
    double instanceHours,
    double aboveTargetHours,
    Optional<BudgetViolations> violations,
    double gamesLeft,
    int approvalsAsked,
    double atMaximumHours) {}
