package dev.vastbot.fleet.approval;

import dev.vastbot.fleet.Actor;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Who may decide approvals ({@code slack.approvers}: user ids and user groups), whether a requester may approve their own
 * request ({@code slack.allow_self_approval}), and how long a request waits.
 *
 * <p>The console and the CLI are operators on the bot's own machine, holding its API key and
 * config: they may decide, and the self-approval rule (which keeps one Slack user from both asking
 * and approving) does not bind them.
 */
public record ApprovalPolicy(Approvers approvers, boolean allowSelfApproval, Duration timeout) {

  /** Whether a Slack user is an approver (listed, or a member of a listed user group). Thread-safe. */
  @FunctionalInterface
  public interface Approvers {
    boolean includes(String userId);

    /** Exactly these user ids. */
    static Approvers of(Set<String> userIds) {
      Set<String> ids = Set.copyOf(userIds);
      return ids::contains;
    }
  }

  public ApprovalPolicy {
    Objects.requireNonNull(approvers, "approvers");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** A policy whose approvers are exactly these user ids. */
  public ApprovalPolicy(Set<String> approvers, boolean allowSelfApproval, Duration timeout) {
    this(Approvers.of(approvers), allowSelfApproval, timeout);
  }

  /** Whether {@code actor} decides locally (console or CLI), not through Slack. */
  public static boolean local(Actor actor) {
    return actor.equals(Actor.CONSOLE) || actor.equals(Actor.CLI);
  }

  public boolean mayDecide(Actor actor) {
    return local(actor) || approvers.includes(actor.id());
  }
}
