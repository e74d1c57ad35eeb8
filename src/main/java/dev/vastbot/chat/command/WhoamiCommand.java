package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.service.access.AccessPolicy;
import java.util.List;

/** {@code /vast whoami}: who the caller is to the bot, and what they may do where they are, and why. */
final class WhoamiCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("whoami",
      "What you may do here, and why (slack.operators, slack.approvers, slack.channels)", List.of(), 0,
      List.of());
  private final AccessPolicy access;

  WhoamiCommand(AccessPolicy access) {
    this.access = access;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.readsAtOnce().withoutFleet().aboutTheCaller();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    return handle(arguments, Caller.local(actor));
  }

  @Override
  public Reply handle(Arguments arguments, Caller caller) {
    String who = switch (caller.face()) {
      case CONSOLE -> "the local operator at the console";
      case CLI -> "the local operator on the command line (" + caller.actor().id() + ")";
      case SLACK -> "Slack user " + caller.actor().id() + " in " + access.place(caller);
    };
    return Reply.of(new Heading("You are " + who),
        new Paragraph(String.join("\n", access.explain(caller).stream().map(line -> "- " + line).toList())));
  }
}
