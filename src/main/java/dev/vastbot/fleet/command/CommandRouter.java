package dev.vastbot.fleet.command;

import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.view.Notice;
import dev.vastbot.fleet.view.Paragraph;
import dev.vastbot.fleet.view.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one command router behind the console, the CLI and Slack: parses a {@code /vast ...} line,
 * refuses bad input with a specific message and a suggestion (nothing runs), and otherwise calls
 * the command's handler. Never throws for a command's failure; it becomes an error reply.
 */
public final class CommandRouter {
  private static final System.Logger log = System.getLogger(CommandRouter.class.getName());
  private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
  private final CommandParser parser;
  private final java.util.function.Consumer<dev.vastbot.fleet.AuditEntry> audit;
  private final java.time.Clock clock;

  public CommandRouter(List<CommandHandler> commands) {
    this(commands, entry -> { }, java.time.Clock.systemUTC());
  }

  /**
   * A router that writes every mutating command it runs (see {@link CommandEffects}) to {@code
   * audit}: who, what, when, how it ended.
   */
  public CommandRouter(List<CommandHandler> commands, java.util.function.Consumer<dev.vastbot.fleet.AuditEntry> audit,
      java.time.Clock clock) {
    this.audit = audit;
    this.clock = clock;
    List<CommandHandler> all = new ArrayList<>(commands);
    all.add(0, new HelpCommand(() -> handlers.values().stream().map(CommandHandler::spec).toList()));
    for (CommandHandler handler : all) {
      if (handlers.put(handler.spec().name(), handler) != null) {
        throw new IllegalArgumentException("two handlers for /vast " + handler.spec().name());
      }
    }
    Map<String, CommandSpec> specs = new LinkedHashMap<>();
    handlers.forEach((name, handler) -> specs.put(name, handler.spec()));
    this.parser = new CommandParser(specs);
  }

  /** Every command's name, in the order they were registered ({@code help} first). */
  public List<String> commandNames() {
    return List.copyOf(handlers.keySet());
  }

  public Reply route(String line, Actor actor) throws InterruptedException {
    ParseResult parsed = parser.parse(line);
    if (parsed instanceof ParseError error) {
      Reply reply = Reply.error(error.message());
      return error.suggestion().map(hint -> reply.then(new Paragraph("Try: " + hint))).orElse(reply);
    }
    ParsedCommand command = (ParsedCommand) parsed;
    Reply reply = handle(command, actor);
    List<String> words = new ArrayList<>(List.of(command.spec().name()));
    words.addAll(command.arguments().positionals());
    if (CommandEffects.mutating(words)) {
      try {
        audit.accept(new dev.vastbot.fleet.AuditEntry(clock.instant(), actor.id(), "/vast " + command.spec().name(),
            String.join(" ", command.arguments().positionals()), (reply.failed() ? "failed: " : "ok: ")
                + reply.summary()));
      } catch (RuntimeException notAudited) {
        log.log(System.Logger.Level.ERROR, "/vast " + command.spec().name() + ": not written to the audit log: "
            + notAudited.getMessage());
      }
    }
    return reply;
  }

  private Reply handle(ParsedCommand command, Actor actor) throws InterruptedException {
    try {
      return handlers.get(command.spec().name()).handle(command.arguments(), actor);
    } catch (InstanceId.BadArgument e) {
      return Reply.error(e.getMessage()).then(new Paragraph("Try: " + command.spec().usage()));
    } catch (InstanceUnavailableException e) {
      return Reply.error(capitalized(e.getMessage()) + ".").then(new Paragraph("See /vast list."));
    } catch (ProviderException e) {
      log.log(System.Logger.Level.WARNING, "/vast {0} failed: {1}", command.spec().name(), e.getMessage());
      return Reply.error(e.getMessage());
    } catch (StoreException e) {
      log.log(System.Logger.Level.ERROR, "/vast {0}: store failure: {1}", command.spec().name(), e.getMessage());
      return Reply.error("the store failed: " + e.getMessage());
    } catch (RuntimeException e) {
      log.log(System.Logger.Level.ERROR, "/vast " + command.spec().name() + " failed unexpectedly", e);
      return Reply.of(new Notice(Notice.Level.ERROR,
          "/vast " + command.spec().name() + " failed unexpectedly (" + e.getClass().getSimpleName()
              + "); see the bot's log"));
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
