package dev.vastbot.service.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.fleet.access.Role;
import dev.vastbot.fleet.port.UserGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
class AccessPolicyTest {
  private static final String FLEET = "C0FLEET";
  private final List<String> misses = new ArrayList<>();
  private final UserGroups groups = new UserGroups() {
    @Override
    public Optional<Set<String>> members(String groupId) {
      return groupId.equals("S0OPS") ? Optional.of(Set.of("U0GROUPED")) : Optional.empty();
    }

    @Override
    public void missed(String groupId, String userId) {
      misses.add(groupId + " " + userId);
    }
  };
  private final AccessPolicy policy = new AccessPolicy(Role.of("slack.operators", List.of("U0OP", "S0OPS")),
      Role.of("slack.approvers", List.of("U0BOSS")), new ChannelScope(Map.of(FLEET, "#gpu-fleet"), false), groups);

  @Test
  void theLocalOperator_mayDoEverything() {
    for (Effect effect : Effect.values()) {
      assertTrue(policy.check(Caller.console(), effect).allowed());
      assertTrue(policy.check(Caller.cli(), effect).allowed());
    }
  }

  @Test
  void inAnAcceptedChannel_everyoneMayRead_onlyOperatorsMutate_onlyApproversDecide() {
    Caller stranger = Caller.slack("U0STRANGER", FLEET, false);
    assertTrue(policy.check(stranger, Effect.READ).allowed());
    var mutate = policy.check(stranger, Effect.MUTATING);
    assertFalse(mutate.allowed());
    assertEquals("you are not an operator (slack.operators: U0OP, group S0OPS)", mutate.reason());
    assertFalse(policy.check(stranger, Effect.APPROVAL).allowed());

    assertTrue(policy.check(Caller.slack("U0OP", FLEET, false), Effect.MUTATING).allowed());
    assertFalse(policy.check(Caller.slack("U0OP", FLEET, false), Effect.APPROVAL).allowed(),
        "an operator is not an approver");
    assertTrue(policy.check(Caller.slack("U0BOSS", FLEET, false), Effect.APPROVAL).allowed());
    assertFalse(policy.check(Caller.slack("U0BOSS", FLEET, false), Effect.MUTATING).allowed());
  }

  @Test
  void aUserGroupMember_holdsTheRole_andAMissAsksForAFreshRead() {
    var member = policy.check(Caller.slack("U0GROUPED", FLEET, false), Effect.MUTATING);
    assertTrue(member.allowed());
    assertEquals("member of user group S0OPS in slack.operators", member.reason());

    assertFalse(policy.check(Caller.slack("U0NEW", FLEET, false), Effect.MUTATING).allowed());
    assertEquals(List.of("S0OPS U0NEW"), misses, "someone just added to the group is looked up again");
  }

  @Test
  void elsewhere_nothingIsAccepted_notEvenReading() {
    var otherChannel = policy.check(Caller.slack("U0OP", "C0OTHER", false), Effect.READ);
    assertFalse(otherChannel.allowed());
    assertTrue(otherChannel.reason().contains("does not take commands in this channel (C0OTHER); it does in"
        + " #gpu-fleet (slack.channels)"), otherChannel.reason());
    var dm = policy.check(Caller.slack("U0OP", "D0DM", true), Effect.MUTATING);
    assertFalse(dm.allowed());
    assertTrue(dm.reason().contains("slack.allow_dm is false"), dm.reason());
  }

  @Test
  void directMessages_whenAllowed_followTheRoles() {
    var dms = new AccessPolicy(Role.of("slack.operators", List.of("U0OP")), Role.of("slack.approvers", List.of()),
        new ChannelScope(Map.of(FLEET, "#gpu-fleet"), true), UserGroups.NONE);
    assertTrue(dms.check(Caller.slack("U0OP", "D0DM", true), Effect.MUTATING).allowed());
    assertTrue(dms.check(Caller.slack("U0ANY", "D0DM", true), Effect.READ).allowed());
    assertFalse(dms.check(Caller.slack("U0ANY", "D0DM", true), Effect.MUTATING).allowed());
  }

  @Test
  void withNobodyConfigured_everyMutationAndDecisionIsRefused_namingTheSetting() {
    var unconfigured = new AccessPolicy(Role.of("slack.operators", List.of()), Role.of("slack.approvers", List.of()),
        ChannelScope.ofIds(List.of(FLEET), false), UserGroups.NONE);
    var mutate = unconfigured.check(Caller.slack("U0ANY", FLEET, false), Effect.MUTATING);
    assertFalse(mutate.allowed());
    assertEquals("nobody may run commands that spend money or change the fleet from Slack: slack.operators is"
        + " empty in vastbot.yaml", mutate.reason());
    assertFalse(unconfigured.check(Caller.slack("U0ANY", FLEET, false), Effect.APPROVAL).allowed());
    assertTrue(unconfigured.check(Caller.slack("U0ANY", FLEET, false), Effect.READ).allowed());
  }

  @Test
  void aGroupThatWasNeverRead_grantsNothing() {
    var unread = new AccessPolicy(Role.of("slack.operators", List.of("S0UNREAD")), Role.of("slack.approvers",
        List.of("S0UNREAD")), ChannelScope.ofIds(List.of(FLEET), false), UserGroups.NONE);
    assertFalse(unread.check(Caller.slack("U0ANY", FLEET, false), Effect.MUTATING).allowed());
    assertFalse(unread.isApprover("U0ANY"));
  }

  @Test
  void explain_saysPerEffectWhatTheCallerMayDoAndWhy() {
    List<String> lines = policy.explain(Caller.slack("U0OP", FLEET, false));
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("read") && lines.get(0).contains(": yes (everyone may read in #gpu-fleet)"),
        lines.get(0));
    assertTrue(lines.get(1).contains(": yes (listed in slack.operators)"), lines.get(1));
    assertTrue(lines.get(2).contains(": no (you are not an approver (slack.approvers: U0BOSS))"), lines.get(2));
  }

  @Test
  void aSlackCaller_alwaysHasAChannel_andIsNotLocal() {
    Caller caller = Caller.slack("U1", FLEET, false);
    assertFalse(caller.local());
    assertEquals(new Actor("U1"), caller.actor());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Caller(new Actor("U1"), Caller.Face.SLACK, null, false));
  }
}
