package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.port.AuditLog;
import java.time.Clock;
import java.util.List;

/** {@code /vast audit [N]}: the newest entries of the append-only audit log (who, what, when, outcome). */
public final class AuditCommand implements CommandHandler {
  private static final int DEFAULT_ENTRIES = 20;
  private static final CommandSpec SPEC = new CommandSpec("audit",
      "The newest audit log entries: who did what, when, and how it ended", List.of("N"), 0, List.of());
  private final AuditLog store;
  private final Clock clock;

  public AuditCommand(AuditLog store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return CommandTraits.readsAtOnce();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) {
    int count = arguments.positional(0).isPresent() ? (int) Math.min(200, InstanceId.require(arguments, 0))
        : DEFAULT_ENTRIES;
    List<AuditEntry> entries = store.recentAudit(count);
    return Reply.of(new Heading("Audit log (newest " + entries.size() + ")"),
        new Table(List.of("when", "who", "action", "target", "outcome"), entries.stream().map(e -> List.of(
            CellFormat.age(e.at(), clock.instant()) + " ago", e.actor(), e.action(),
            e.target() == null ? "" : e.target(), e.outcome() == null ? "" : e.outcome())).toList()));
  }
}
