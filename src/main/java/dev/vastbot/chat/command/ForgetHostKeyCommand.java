package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.port.AuditLog;
import dev.vastbot.fleet.port.HostKeyPins;
import java.time.Clock;
import java.util.List;

/**
 * {@code /vast forget-host-key ID}: after a person has confirmed that an instance's host really
 * was rebuilt, drop its pinned SSH host key so the next connection pins the new one.
 */
public final class ForgetHostKeyCommand implements CommandHandler {
  private static final CommandSpec SPEC = new CommandSpec("forget-host-key",
      "Drop an instance's pinned SSH host key (after confirming the host was rebuilt)",
      List.of("ID"), 1, List.of());
  private final HostKeyPins pins;
  private final AuditLog store;
  private final Clock clock;

  public ForgetHostKeyCommand(HostKeyPins pins, AuditLog store, Clock clock) {
    this.pins = pins;
    this.store = store;
    this.clock = clock;
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
    if (pins.pinnedKey(id).isEmpty()) {
      return Reply.error("vast-" + id + " has no pinned host key.");
    }
    pins.unpin(id);
    store.appendAudit(new AuditEntry(clock.instant(), actor.id(), "forget-host-key", "vast-" + id, "unpinned"));
    return Reply.of(new Notice(Notice.Level.SUCCESS,
        "vast-" + id + ": host key forgotten; the next connection pins the key it presents."));
  }
}
