package dev.vastbot.service.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vastbot.fleet.ProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A provider failure in the middle of an action keeps what the steps before it said, outer steps'
 * lines first, as one list kept across the steps did; the failure's message is the provider's.
 */
class ActingFailedTest {
  private final ProviderException forbidden =
      new ProviderException(ProviderException.Reason.FORBIDDEN, 403, "Vast API: forbidden");

  @Test
  void aFailureAfterAStep_keepsItsLines_andTheProvidersMessage() {
    var failed = ActingFailed.after(List.of("vast-1: termination 4 succeeded"), forbidden);

    assertEquals(List.of("vast-1: termination 4 succeeded"), failed.before());
    assertEquals("Vast API: forbidden", failed.getMessage());
    assertSame(forbidden, failed.getCause());
  }

  @Test
  void aFailureInAnInnerStep_keepsTheOuterLinesFirst() {
    var inner = ActingFailed.after(List.of("vast-7: termination 9 awaits approval"), forbidden);

    var outer = ActingFailed.after(List.of("rented 1 of 1 (provision 3): vast-7"), inner);

    assertEquals(List.of("rented 1 of 1 (provision 3): vast-7", "vast-7: termination 9 awaits approval"),
        outer.before());
    assertSame(forbidden, outer.getCause());
  }

  @Test
  void notedLines_joinInOrder() {
    assertEquals(List.of("a", "b", "c"), Noted.joined(List.of("a"), List.of(), List.of("b", "c")));
    assertEquals(List.of(), Noted.quiet(1).lines());
  }
}
