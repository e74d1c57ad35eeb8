/**
 * The autoscaler's policy, what it observes of one group, and the pure decision between them
 * ({@link dev.vastbot.fleet.autoscale.ScalingDecider}). JDK only; no I/O, no clock of its own.
 */
package dev.vastbot.fleet.autoscale;
