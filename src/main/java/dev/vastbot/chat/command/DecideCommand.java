package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.fleet.ProvisionResult;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.service.provision.Provisioner;
import dev.vastbot.service.termination.Terminator;
import java.util.List;

/**
 * {@code /vast approve REQUEST} and {@code /vast deny REQUEST}: a person's decision on a pending
 * request. An approved termination then runs to its end (quiesce, sync, verify, destroy) and the
 * reply says how it ended.
 */
public final class DecideCommand implements CommandHandler {
  private final CommandSpec spec;
  private final ApprovalDecision decision;
  private final Terminator terminator;
  private final Provisioner provisioner;
  private final ApprovedProvisions approvedProvisions;

  /** Rents an approved provision request: the provisioner's own, or the policy's that asked for it. */
  @FunctionalInterface
  public interface ApprovedProvisions {
    ProvisionResult run(long request, Actor actor) throws InterruptedException;
  }

  private DecideCommand(CommandSpec spec, ApprovalDecision decision, Terminator terminator, Provisioner provisioner,
      ApprovedProvisions approvedProvisions) {
    this.spec = spec;
    this.decision = decision;
    this.terminator = terminator;
    this.provisioner = provisioner;
    this.approvedProvisions = approvedProvisions;
  }

  public static DecideCommand approve(Terminator terminator, Provisioner provisioner) {
    return approve(terminator, provisioner, provisioner::runApproved);
  }

  /** @param approvedProvisions rents a provision request once approved */
  public static DecideCommand approve(Terminator terminator, Provisioner provisioner,
      ApprovedProvisions approvedProvisions) {
    return new DecideCommand(new CommandSpec("approve", "Approve a pending request (then it runs)",
        List.of("REQUEST"), 1, List.of()), ApprovalDecision.APPROVED, terminator, provisioner, approvedProvisions);
  }

  public static DecideCommand deny(Terminator terminator, Provisioner provisioner) {
    return new DecideCommand(new CommandSpec("deny", "Deny a pending request (nothing is done)",
        List.of("REQUEST"), 1, List.of()), ApprovalDecision.DENIED, terminator, provisioner, provisioner::runApproved);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.decides();
  }

  /** Which decision this command takes: approve or deny. */
  public ApprovalDecision decision() {
    return decision;
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    return decide(InstanceId.require(arguments, 0), actor);
  }

  /**
   * The typed entry (an Approve or Deny click calls it through {@link CommandRouter#decide}, no
   * text in between): {@code actor}'s decision on {@code request}. A decision that does not count
   * (not an approver, their own request, already decided, expired, no such request) is an error
   * reply that says why, and nothing is done. May throw what {@link #handle} may.
   */
  public Reply decide(long request, Actor actor) throws InterruptedException {
    boolean provision = provisioner.isProvisionRequest(request);
    String message;
    if (provision) {
      var decided = provisioner.decide(request, actor, decision);
      if (!decided.counted()) {
        return refused(decided.message());
      }
      message = decided.message();
    } else {
      Terminator.Decided decided = terminator.decide(request, actor, decision);
      if (!decided.counted()) {
        return refused(decided.message());
      }
      message = decided.message();
    }
    if (decision == ApprovalDecision.DENIED) {
      return Reply.of(new Notice(Notice.Level.SUCCESS, message + "; nothing is done."));
    }
    if (provision) {
      return ProvisionCommand.render(approvedProvisions.run(request, actor), provisioner.orderOf(request))
          .then(new Notice(Notice.Level.INFO, message + "."));
    }
    Operation ended = terminator.proceed(request, SyncProgress.NONE);
    return Reply.of(new Notice(Notice.Level.INFO, message + "."),
        outcome(ended, terminator.destroysWithoutCopy(request)));
  }

  private Reply refused(String why) {
    return Reply.error("Not " + (decision == ApprovalDecision.APPROVED ? "approved" : "denied") + ": " + why + ".");
  }

  /** How a termination ended; one forced without a copy says so ({@code withoutCopy}). */
  static Notice outcome(Operation ended, boolean withoutCopy) {
    if (ended.state() == OperationState.SUCCEEDED && withoutCopy) {
      return new Notice(Notice.Level.WARNING, ended.target() + " destroyed WITHOUT copying its data ("
          + ended.detail() + ").");
    }
    if (ended.state() == OperationState.SUCCEEDED) {
      return new Notice(Notice.Level.SUCCESS, ended.target() + " destroyed after a verified copy ("
          + ended.detail() + ").");
    }
    return new Notice(ended.state().finished() ? Notice.Level.ERROR : Notice.Level.WARNING,
        ended.target() + ": termination " + ended.id() + " is " + ended.state().display() + ": " + ended.detail());
  }
}
