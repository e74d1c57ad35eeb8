package dev.vastbot.sim;

/**
 * Vast's three contract-level states of an instance: {@code intended_status} (what the user asked
 * for), {@code cur_state} (the GPU allocation) and {@code next_state}. Not thread-safe.
 */
final class InstanceStates {
  private String intended = "running";
  private String current = "running";
  private String next = "running";

  /** All three to {@code state}, as start and stop (and an outbid) do. */
  void set(String state) {
    intended = state;
    current = state;
    next = state;
  }

  /** A start that cannot get its GPU back: asked to run, but the allocation stays stopped. */
  void waitForGpu() {
    intended = "running";
    current = "stopped";
    next = "running";
  }

  String intended() {
    return intended;
  }

  String current() {
    return current;
  }

  String next() {
    return next;
  }
}
