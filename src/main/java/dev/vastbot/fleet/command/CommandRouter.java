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
import java.util.Optional;

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
      return refusal(error);
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

  /**
   * The reply to {@code line} when it is ready at once, without a Vast call, SSH or a wait for a
   * sweep, so that an adapter with a deadline (Slack's 3 s) may give it in its acknowledgement: a
   * line that does not parse, {@code help}, and a read-only command that {@link
   * CommandEffects#instant} names and whose handler can answer now ({@link AnswersAtOnce}, when it
   * is one). Empty otherwise: the caller routes the line later with {@link #route}. Never runs a
   * mutating command, so nothing here is audited. Thread-safe.
   *
   * @param snapshotReady whether the fleet snapshot exists; until it does, only a line that does
   *     not parse and {@code help} are answered at once (the others would wait for the first list)
   */
  public Optional<Reply> routeAtOnce(String line, Actor actor, boolean snapshotReady) throws InterruptedException {
    ParseResult parsed = parser.parse(line);
    if (parsed instanceof ParseError error) {
      return Optional.of(refusal(error));
    }
    ParsedCommand command = (ParsedCommand) parsed;
    if (command.spec().name().equals(HelpCommand.NAME)) {
      return Optional.of(handle(command, actor));
    }
    List<String> words = Tokenizer.split(line);
    words = words.subList(words.isEmpty() || !words.get(0).equals("/vast") ? 0 : 1, words.size());
    if (!snapshotReady || CommandEffects.mutating(words) || !CommandEffects.instant(words)) {
      return Optional.empty();
    }
    if (handlers.get(command.spec().name()) instanceof AnswersAtOnce atOnce) {
      return Optional.ofNullable(guarded(command, () -> atOnce.answerAtOnce(command.arguments(), actor).orElse(null)));
    }
    return Optional.of(handle(command, actor));
  }

  private static Reply refusal(ParseError error) {
    Reply reply = Reply.error(error.message());
    return error.suggestion().map(hint -> reply.then(new Paragraph("Try: " + hint))).orElse(reply);
  }

  /** A handler's work: its reply, or null when it has none (an answer at once that is not ready). */
  @FunctionalInterface
  private interface Work {
    Reply run() throws InterruptedException;
  }

  private Reply handle(ParsedCommand command, Actor actor) throws InterruptedException {
    return guarded(command, () -> handlers.get(command.spec().name()).handle(command.arguments(), actor));
  }

  /** Runs a handler's work; its failures become error replies. */
  private Reply guarded(ParsedCommand command, Work work) throws InterruptedException {
    try {
      return work.run();
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
