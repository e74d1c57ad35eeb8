/**
 * How loud alerts are: a loop's findings arrive as one {@link dev.vastbot.fleet.alert.AlertBatch},
 * and the {@link dev.vastbot.fleet.alert.AlertPlanner} decides the messages (a thread per
 * incident, one summary for a fleet-wide event, follow-ups now and then, a note when it clears).
 * JDK only.
 */
package dev.vastbot.fleet.alert;
