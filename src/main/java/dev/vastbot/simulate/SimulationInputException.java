package dev.vastbot.simulate;

/** Input the simulator cannot use: a missing or malformed trace, an unknown group. */
public final class SimulationInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationInputException(String message) {
    super(message);
  }
}
