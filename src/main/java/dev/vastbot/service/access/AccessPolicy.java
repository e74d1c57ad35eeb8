package dev.vastbot.service.access;

import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.fleet.access.Role;
import dev.vastbot.fleet.port.UserGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
/**
 * Who may do what, and where (default deny). The local operator (console, CLI) may do anything.
 * A Slack user may use commands only in an accepted channel ({@code slack.channels}) or, when
 * {@code slack.allow_dm} says so, a direct message; there anyone may read, only {@code
 * slack.operators} may run a mutating command, and only {@code slack.approvers} may decide a
 * request. A role with nobody in it grants nothing, so an unconfigured bot refuses every mutating
 * command from Slack, with a reply that names the setting.
 *
 * <p>Pure apart from the user group lookups it is given, which answer from memory. Thread-safe.
 */
public final class AccessPolicy {
  private final Role operators;
  private final Role approvers;
  private final ChannelScope channels;
  private final UserGroups groups;

  /** The answer to "may this caller do this here?", with the reason, for a reply or the audit log. */
  public record Verdict(boolean allowed, String reason) {
    public Verdict {
      Objects.requireNonNull(reason, "reason");
    }

    static Verdict allow(String reason) {
      return new Verdict(true, reason);
    }

    static Verdict refuse(String reason) {
      return new Verdict(false, reason);
    }
  }

  public AccessPolicy(Role operators, Role approvers, ChannelScope channels, UserGroups groups) {
    this.operators = Objects.requireNonNull(operators, "operators");
    this.approvers = Objects.requireNonNull(approvers, "approvers");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.groups = Objects.requireNonNull(groups, "groups");
  }

  /** Local callers only: every Slack caller is refused (a bot with no Slack configuration). */
  public static AccessPolicy localOnly() {
    return new AccessPolicy(Role.of("slack.operators", Set.of()), Role.of("slack.approvers", Set.of()),
        ChannelScope.ofIds(Set.of(), false), UserGroups.NONE);
  }

  /** Whether {@code caller} may run a command with {@code effect} where they are. */
  public Verdict check(Caller caller, Effect effect) {
    if (caller.local()) {
      return Verdict.allow("the local operator (" + caller.actor().id() + ") may run every command");
    }
    Optional<String> wrongPlace = wrongPlace(caller);
    if (wrongPlace.isPresent()) {
      return Verdict.refuse(wrongPlace.get());
    }
    String user = caller.actor().id();
    return switch (effect) {
      case READ -> Verdict.allow("everyone may read in " + place(caller));
      case MUTATING -> roleVerdict(operators, user, "an operator", "run commands that spend money or change the fleet");
      case APPROVAL -> roleVerdict(approvers, user, "an approver", "approve or deny requests");
    };
  }

  /** Whether a Slack user holds the approver role (by id, or as a member of a configured group). */
  public boolean isApprover(String userId) {
    return holds(approvers, userId).isPresent();
  }

  /** What {@code caller} may do where they are, one line per effect, with the reasons. */
  public List<String> explain(Caller caller) {
    var lines = new ArrayList<String>();
    for (Effect effect : Effect.values()) {
      Verdict verdict = check(caller, effect);
      lines.add(label(effect) + ": " + (verdict.allowed() ? "yes" : "no") + " (" + verdict.reason() + ")");
    }
    return lines;
  }

  /** Where a Slack caller is, as people know it. */
  public String place(Caller caller) {
    return caller.directMessage() ? "a direct message" : channels.display(caller.channelId());
  }

  private Optional<String> wrongPlace(Caller caller) {
    if (caller.directMessage()) {
      return channels.allowDirectMessages() ? Optional.empty()
          : Optional.of("vastbot does not take commands in direct messages (slack.allow_dm is false);"
              + " use " + channels.describe());
    }
    if (!channels.accepts(caller.channelId())) {
      return Optional.of("vastbot does not take commands in this channel (" + caller.channelId()
          + "); it does in " + channels.describe() + " (slack.channels)");
    }
    return Optional.empty();
  }

  private Verdict roleVerdict(Role role, String user, String holder, String what) {
    Optional<String> why = holds(role, user);
    if (why.isPresent()) {
      return Verdict.allow(why.get());
    }
    if (role.isEmpty()) {
      return Verdict.refuse("nobody may " + what + " from Slack: " + role.setting()
          + " is empty in vastbot.yaml");
    }
    return Verdict.refuse("you are not " + holder + " (" + role.setting() + ": " + role.describe() + ")");
  }

  /** How {@code user} holds {@code role}, or empty when they do not. */
  private Optional<String> holds(Role role, String user) {
    if (role.userIds().contains(user)) {
      return Optional.of("listed in " + role.setting());
    }
    for (String group : role.groupIds()) {
      Optional<Set<String>> members = groups.members(group);
      if (members.isPresent() && members.get().contains(user)) {
        return Optional.of("member of user group " + group + " in " + role.setting());
      }
      groups.missed(group, user);
    }
    return Optional.empty();
  }

  private static String label(Effect effect) {
    return switch (effect) {
      case READ -> "read (status, list, health, …)";
      case MUTATING -> "change the fleet (provision, stop, shutdown, sync, …)";
      case APPROVAL -> "approve or deny requests";
    };
  }
}
