package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.InstanceUnavailableException;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.StoreException;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.service.access.AccessPolicy;
import dev.vastbot.service.access.AccessPolicy.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one command router behind the console, the CLI and Slack: parses a {@code /vast ...} line,
 * refuses bad input with a specific message and a suggestion (nothing runs), refuses a command
 * whose {@link Effect} the caller may not have where they are ({@link AccessPolicy}, the same rule
 * for every face), and otherwise calls the command's handler. Never throws for a command's
 * failure; it becomes an error reply.
 */
public final class CommandRouter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
  private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
  private final CommandParser parser;
  private final AccessPolicy access;
  private final java.util.function.Consumer<dev.vastbot.fleet.AuditEntry> audit;
  private final java.time.Clock clock;

  public CommandRouter(List<CommandHandler> commands) {
    this(commands, AccessPolicy.localOnly(), entry -> { }, java.time.Clock.systemUTC());
  }

  /**
   * A router for local callers only (console, CLI): every Slack caller is refused. It writes every
   * command that changes something to {@code audit}: who, what, when, how it ended.
   */
  public CommandRouter(List<CommandHandler> commands, java.util.function.Consumer<dev.vastbot.fleet.AuditEntry> audit,
      java.time.Clock clock) {
    this(commands, AccessPolicy.localOnly(), audit, clock);
  }

  /**
   * A router that lets a caller run a command only when {@code access} allows its effect there, and
   * writes every command that changes something (or decides a request), and every refusal of one,
   * to {@code audit}: who, what, when, how it ended.
   */
  public CommandRouter(List<CommandHandler> commands, AccessPolicy access,
      java.util.function.Consumer<dev.vastbot.fleet.AuditEntry> audit, java.time.Clock clock) {
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    List<CommandHandler> all = new ArrayList<>(commands);
    all.add(0, new HelpCommand(() -> handlers.values().stream().map(CommandHandler::spec).toList()));
    all.add(1, new WhoamiCommand(access));
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

  /**
   * Runs a {@code /vast ...} line for {@code caller}: a line that does not parse, or a command the
   * caller may not run where they are, gets an error reply and changes nothing.
   */
  public Reply route(String line, Caller caller) throws InterruptedException {
    ParseResult parsed = parser.parse(line);
    if (parsed instanceof ParseError error) {
      return refusal(error);
    }
    ParsedCommand command = (ParsedCommand) parsed;
    Effect effect = effectOf(command);
    Verdict verdict = access.check(caller, effect);
    if (!verdict.allowed()) {
      Reply refusal = refusal(command, verdict);
      audit(command, caller, effect, refusal);
      return refusal;
    }
    Reply reply = handle(command, caller);
    audit(command, caller, effect, reply);
    return reply;
  }

  /**
   * The reply to {@code line} when it is ready at once, without a Vast call, SSH or a wait for a
   * sweep, so that a face with a deadline (Slack's 3 s) may give it in its acknowledgement: a line
   * that does not parse, {@code help}, {@code whoami}, and a read-only command that {@link
   * CommandEffects#instant} names and whose handler can answer now ({@link AnswersAtOnce}, when it
   * is one), the caller being allowed to read there. Empty otherwise: the face routes the line
   * later with {@link #route} (which also refuses and audits). Never runs a command that changes
   * anything, so nothing here is audited. Thread-safe.
   *
   * @param snapshotReady whether the fleet snapshot exists; until it does, only the lines that do
   *     not read it are answered at once (the others would wait for the first list)
   */
  public Optional<Reply> routeAtOnce(String line, Caller caller, boolean snapshotReady) throws InterruptedException {
    ParseResult parsed = parser.parse(line);
    if (parsed instanceof ParseError error) {
      return Optional.of(refusal(error));
    }
    ParsedCommand command = (ParsedCommand) parsed;
    List<String> words = Tokenizer.split(line);
    words = words.subList(words.isEmpty() || !words.get(0).equals("/vast") ? 0 : 1, words.size());
    if (effectOf(command) != Effect.READ || !access.check(caller, Effect.READ).allowed()
        || !CommandEffects.instant(words) || !snapshotReady && CommandEffects.readsFleet(words)) {
      return Optional.empty();
    }
    if (handlers.get(command.spec().name()) instanceof AnswersAtOnce atOnce) {
      return Optional.ofNullable(guarded(command,
          () -> atOnce.answerAtOnce(command.arguments(), caller.actor()).orElse(null)));
    }
    return Optional.of(handle(command, caller));
  }

  private static Reply refusal(ParseError error) {
    Reply reply = Reply.error(error.message());
    return error.suggestion().map(hint -> reply.then(new Paragraph("Try: " + hint))).orElse(reply);
  }

  /** What the line's command would do; empty when the line does not parse. */
  public Optional<Effect> effectOf(String line) {
    return parser.parse(line) instanceof ParsedCommand command ? Optional.of(effectOf(command)) : Optional.empty();
  }

  /**
   * Whether {@code caller} may run a command with {@code effect} (as {@link #effectOf} tells it)
   * where they are, without running it: for a face that wants to refuse before doing anything
   * slower. A line that does not parse (no effect) is allowed here and gets its error from {@link
   * #route}.
   */
  public Verdict authorize(Optional<Effect> effect, Caller caller) {
    return effect.map(known -> access.check(caller, known)).orElse(new Verdict(true, "the line does not parse"));
  }

  /** Writes a refusal that a face gave before routing (see {@link #authorize}) to the audit log. */
  public void auditRefusal(String line, Caller caller, Verdict verdict) {
    if (parser.parse(line) instanceof ParsedCommand command) {
      audit(command, caller, effectOf(command), refusal(command, verdict));
    }
  }

  /** The reply that refuses a command the caller may not run. */
  public static Reply refusal(String commandName, Verdict verdict) {
    return Reply.error("You may not run /vast " + commandName + " here: " + verdict.reason() + ".")
        .then(new Paragraph("See /vast whoami."));
  }

  private static Reply refusal(ParsedCommand command, Verdict verdict) {
    return refusal(command.spec().name(), verdict);
  }

  private Effect effectOf(ParsedCommand command) {
    return handlers.get(command.spec().name()).effect(command.arguments());
  }

  private void audit(ParsedCommand command, Caller caller, Effect effect, Reply reply) {
    if (effect == Effect.READ) {
      return;
    }
    try {
      audit.accept(new dev.vastbot.fleet.AuditEntry(clock.instant(), caller.actor().id(),
          "/vast " + command.spec().name(), String.join(" ", command.arguments().positionals()),
          (reply.failed() ? "failed: " : "ok: ") + reply.summary()));
    } catch (RuntimeException notAudited) {
      log.error("/vast " + command.spec().name() + ": not written to the audit log: "
          + notAudited.getMessage());
    }
  }

  /** A handler's work: its reply, or null when it has none (an answer at once that is not ready). */
  @FunctionalInterface
  private interface Work {
    Reply run() throws InterruptedException;
  }

  private Reply handle(ParsedCommand command, Caller caller) throws InterruptedException {
    return guarded(command, () -> handlers.get(command.spec().name()).handle(command.arguments(), caller));
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
      log.warn("/vast {} failed: {}", command.spec().name(), e.getMessage());
      return Reply.error(e.getMessage());
    } catch (StoreException e) {
      log.error("/vast {}: store failure: {}", command.spec().name(), e.getMessage());
      return Reply.error("the store failed: " + e.getMessage());
    } catch (RuntimeException e) {
      log.error("/vast " + command.spec().name() + " failed unexpectedly", e);
      return Reply.of(new Notice(Notice.Level.ERROR,
          "/vast " + command.spec().name() + " failed unexpectedly (" + e.getClass().getSimpleName()
              + "); see the bot's log"));
    }
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
