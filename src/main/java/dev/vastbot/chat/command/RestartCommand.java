package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.work.WorkerRestart;
import dev.vastbot.service.work.Keepalive;
import java.util.List;

/** {@code /vast restart ID}: start the instance if it is stopped, then restart its workers. */
public final class RestartCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("restart",
      "Restart an instance's self-play workers (starting the instance first if stopped)",
      List.of("ID"), 1, List.of());
  private final Keepalive keepalive;

  public RestartCommand(Keepalive keepalive) {
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
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    long id = InstanceId.require(arguments, 0);
    WorkerRestart restart = keepalive.restartInstance(id, actor);
    if (restart.succeeded()) {
      return Reply.of(new Notice(Notice.Level.SUCCESS, "vast-" + id + ": " + restart.workersAfter()
          + " worker(s) running (" + restart.board() + ")"
          + (restart.codeSync().isEmpty() ? "" : "; " + restart.codeSync())));
    }
    return Reply.error("vast-" + id + ": restart failed: " + restart.problem());
  }
}
