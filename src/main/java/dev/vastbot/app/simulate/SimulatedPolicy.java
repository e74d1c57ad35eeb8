package dev.vastbot.app.simulate;

/** A scaling policy the simulator replays a trace against. */
interface SimulatedPolicy {
  /** The row's name in the table. */
  String name();

  FleetActions decide(TickView view);
}
