/**
 * The policy simulator behind {@code autoscaler simulate}: a demand trace ({@link
 * dev.vastbot.simulate.TraceCsv}) replayed minute by minute on a simulated clock against the
 * sim's offer catalogue with a seeded price walk, for vastbot's decider, the old script's rules and
 * a lower bound ({@link dev.vastbot.simulate.PolicySimulation}, {@link
 * dev.vastbot.simulate.SimulationReport}). The fleet moves by a pure step ({@code MinuteStep});
 * nothing here sleeps, touches the network or the store.
 */
package dev.vastbot.simulate;
