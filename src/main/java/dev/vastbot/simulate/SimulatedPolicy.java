package dev.vastbot.simulate;

/** A scaling policy the simulator replays a trace against. */
interface SimulatedPolicy {
  /** The row's name in the table. */
  String name();

  FleetActions decide(TickView view);

  /**
   * A demand poll between ticks: what the policy does when it reads the queue without a full tick
   * (nothing, unless it reacts between ticks).
   */
  default FleetActions react(TickView view) {
    return FleetActions.none();
  }
}
