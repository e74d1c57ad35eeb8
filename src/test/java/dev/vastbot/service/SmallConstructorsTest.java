package dev.vastbot.service;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.service.approval.ApprovalDesk;
import dev.vastbot.service.health.HealthSweep;
import dev.vastbot.service.p2p.P2pNetwork;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.Keepalive;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The termination and the loops' services take what they need in a few named parts: no constructor
 * over {@value #MOST} parameters, and the terminator is given the approval desk it shares with every
 * other costly action instead of building one of its own.
 */
class SmallConstructorsTest {
  private static final int MOST = 8;

  @Test
  void noConstructorTakesMoreThanEightParameters() {
    assertAll(List.of(Terminator.class, Keepalive.class, HealthSweep.class, P2pNetwork.class).stream()
        .flatMap(type -> Arrays.stream(type.getDeclaredConstructors()))
        .map(constructor -> () -> assertTrue(constructor.getParameterCount() <= MOST,
            constructor + " takes " + constructor.getParameterCount() + " parameters")));
  }

  @Test
  void theTerminatorIsGivenItsApprovalDesk() {
    for (Constructor<?> constructor : Terminator.class.getConstructors()) {
      assertTrue(Arrays.asList(constructor.getParameterTypes()).contains(ApprovalDesk.class), constructor.toString());
    }
    assertFalse(Arrays.stream(Terminator.class.getMethods()).anyMatch(m -> m.getReturnType() == ApprovalDesk.class),
        "the terminator hands out no desk of its own");
  }
}
