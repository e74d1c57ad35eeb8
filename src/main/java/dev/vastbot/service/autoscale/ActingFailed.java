package dev.vastbot.service.autoscale;

import dev.vastbot.fleet.ProviderException;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider failed in the middle of an action of several steps: carries what the steps before
 * it said, so the group's outcome keeps them before the failure, as one list kept across the steps
 * would. The cause is the {@link ProviderException}; its message is the cause's.
 */
final class ActingFailed extends RuntimeException {
  private final List<String> before;

  private ActingFailed(List<String> before, ProviderException cause) {
    super(cause.getMessage(), cause, false, false);
    this.before = List.copyOf(before);
  }

  /**
   * The failure {@code e} (a {@link ProviderException}, or an {@code ActingFailed} of an inner
   * step) after {@code before} was said.
   */
  static ActingFailed after(List<String> before, RuntimeException e) {
    if (e instanceof ActingFailed inner) {
      var all = new ArrayList<>(before);
      all.addAll(inner.before);
      return new ActingFailed(all, (ProviderException) inner.getCause());
    }
    return new ActingFailed(before, (ProviderException) e);
  }

  /** What was said before the failure, for people. */
  List<String> before() {
    return before;
  }
}
