package dev.vastbot.sim;

/** How many more requests a fault hits: 0 none, N the next N, -1 until cleared. Not thread-safe. */
final class FaultBudget {
  static final int UNTIL_CLEARED = -1;

  private int remaining;

  void arm(int requests) {
    if (requests < UNTIL_CLEARED) {
      throw new IllegalArgumentException("requests < -1: " + requests);
    }
    remaining = requests;
  }

  /** True if this request is hit, using up one of the budget. */
  boolean take() {
    if (remaining == 0) {
      return false;
    }
    if (remaining > 0) {
      remaining--;
    }
    return true;
  }

  int remaining() {
    return remaining;
  }
}
