package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.Operation;
import dev.vastbot.service.termination.Terminator;
import java.util.List;

/**
 * {@code /vast shutdown ID [--force-without-sync] [--reason TEXT]}: asks to terminate an instance.
 * Nothing happens until an approver approves ({@code /vast approve REQUEST}); then the instance is
 * quiesced, its data copied home and verified, and only then destroyed.
 */
public final class ShutdownCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("shutdown",
      "Ask to terminate an instance: after approval it is quiesced, synced, verified, then destroyed",
      List.of("ID"), 1, List.of(
          OptionSpec.flag("force-without-sync", "destroy without copying the data (an approver must approve)"),
          OptionSpec.text("reason", "TEXT", false, "why, shown in the approval request")));
  private final Terminator terminator;

  public ShutdownCommand(Terminator terminator) {
    this.terminator = terminator;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.changes();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    long id = InstanceId.require(arguments, 0);
    boolean force = arguments.flag("force-without-sync");
    var requested = terminator.request(id, actor, force,
        arguments.text("reason").orElse("asked by " + actor.id()));
    Operation operation = requested.operation();
    if (requested.joined()) {
      return Reply.of(new Notice(Notice.Level.INFO, "vast-" + id + " already has termination " + operation.id()
          + " (" + operation.state().display() + "); this request joins it."));
    }
    return Reply.of(new Notice(Notice.Level.WARNING, "Termination " + operation.id() + " of vast-" + id
            + " is awaiting approval" + (force ? " (it would be destroyed WITHOUT copying its data)" : "") + "."),
        new Paragraph("An approver decides: /vast approve " + operation.id() + " or /vast deny " + operation.id()
            + (force ? "" : ". The data is copied and verified before anything is destroyed.")));
  }
}
