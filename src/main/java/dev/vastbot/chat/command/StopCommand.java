package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.service.work.Keepalive;
import java.util.List;

/**
 * {@code /vast stop ID}: stop an instance on purpose. Keepalive leaves it stopped until {@code
 * /vast restart ID}. Its disk stays (and is billed); nothing is destroyed.
 */
public final class StopCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("stop",
      "Stop an instance on purpose (keepalive leaves it stopped; disk kept, storage billed)",
      List.of("ID"), 1, List.of());
  private final Keepalive keepalive;

  public StopCommand(Keepalive keepalive) {
    this.keepalive = keepalive;
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
    keepalive.stopOnPurpose(id, actor);
    return Reply.of(new Notice(Notice.Level.SUCCESS, "vast-" + id
        + " stopped. Keepalive leaves it stopped; /vast restart " + id + " brings it back."));
  }
}
