package dev.vastbot.fleet.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which commands change something (operators only, audited) and which answer at once in Slack. */
class CommandEffectsTest {
  @Test
  void scalingChangesTheFleet_aDryRunAndThePolicyDoNot() {
    assertTrue(CommandEffects.mutating(List.of("scale-up", "2")));
    assertTrue(CommandEffects.mutating(List.of("scale-down")));
    assertTrue(CommandEffects.mutating(List.of("autoscale")));
    assertFalse(CommandEffects.mutating(List.of("autoscale", "--dry-run")));
    assertFalse(CommandEffects.mutating(List.of("policy")));
    assertFalse(CommandEffects.mutating(List.of("cost")));
  }

  @Test
  void thePolicyReadsOffersAndTheDemand_soItIsNotAnsweredInTheAcknowledgement() {
    assertFalse(CommandEffects.instant(List.of("policy")));
    assertFalse(CommandEffects.instant(List.of("autoscale", "--dry-run")));
    assertTrue(CommandEffects.instant(List.of("cost")));
    assertTrue(CommandEffects.instant(List.of("status")));
  }
}
