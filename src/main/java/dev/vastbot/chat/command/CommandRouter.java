package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.AuditEntry;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.fleet.approval.ApprovalDecision;
import dev.vastbot.service.access.AccessPolicy;
import dev.vastbot.service.access.AccessPolicy.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one command router behind the console, the CLI and Slack. A face hands it a line, its words,
 * or a slash command's text, which it parses once into a typed {@link ParsedCommand}; bad input
 * gets a specific message and a suggestion (nothing runs). It refuses a command whose effect (as
 * its handler's {@link CommandTraits} declare it) the caller may not have where they are ({@link
 * AccessPolicy}, the same rule for every face), and otherwise calls the handler with the parsed
 * arguments. An Approve or Deny click comes in typed ({@link #decide}), through no text at all.
 * Never throws for a command's failure; it becomes an error reply. Thread-safe once built.
 */
public final class CommandRouter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
  private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
  private final CommandParser parser;
  private final AccessPolicy access;
  private final Consumer<AuditEntry> audit;
  private final Clock clock;

  public CommandRouter(List<CommandHandler> commands) {
    this(commands, AccessPolicy.localOnly(), entry -> { }, Clock.systemUTC());
  }

  /**
   * A router for local callers only (console, CLI): every Slack caller is refused. It writes every
   * command that changes something to {@code audit}: who, what, when, how it ended.
   */
  public CommandRouter(List<CommandHandler> commands, Consumer<AuditEntry> audit, Clock clock) {
    this(commands, AccessPolicy.localOnly(), audit, clock);
  }

  /**
   * A router that lets a caller run a command only when {@code access} allows its effect there, and
   * writes every command that changes something (or decides a request), and every refusal of one,
   * to {@code audit}: who, what, when, how it ended.
   *
   * @throws IllegalArgumentException when two handlers share a name
   */
  public CommandRouter(List<CommandHandler> commands, AccessPolicy access, Consumer<AuditEntry> audit, Clock clock) {
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

  /** Parses a {@code /vast ...} line (the prefix is optional) once; never throws on user input. */
  public ParseResult parse(String line) {
    return parser.parse(line);
  }

  /** Parses a line given as words (a CLI's arguments), each word one argument as it is. */
  public ParseResult parse(List<String> words) {
    return parser.parse(words);
  }

  /** Reads a Slack slash command's text (what follows {@code /vast}) once; never throws on user input. */
  public SlashText readSlash(String text) {
    return SlashText.read(text, parser);
  }

  /** Parses {@code line} and routes it ({@link #route(ParseResult, Caller)}). */
  public Reply route(String line, Caller caller) throws InterruptedException {
    return route(parser.parse(line), caller);
  }

  /**
   * Runs a parsed command for {@code caller}: a line that did not parse, or a command the caller
   * may not run where they are, gets an error reply and changes nothing. Audited unless read-only.
   */
  public Reply route(ParseResult parsed, Caller caller) throws InterruptedException {
    if (parsed instanceof ParseError error) {
      return refusal(error);
    }
    ParsedCommand command = (ParsedCommand) parsed;
    CommandHandler handler = handlers.get(command.spec().name());
    return run(command.spec(), traitsOf(command).effect(), String.join(" ", command.arguments().positionals()),
        caller, () -> handler.handle(command.arguments(), caller));
  }

  /**
   * An Approve or Deny click: {@code caller}'s {@code decision} on {@code request}, called on the
   * decision's typed entry ({@link DecideCommand#decide}) with no text parsed, under the same rule
   * and audit as {@code /vast approve|deny REQUEST}. A decision that does not count (not an
   * approver, their own request, already decided, expired) gets the decision's own error reply.
   */
  public Reply decide(ApprovalDecision decision, long request, Caller caller) throws InterruptedException {
    Optional<DecideCommand> taker = handlers.values().stream()
        .filter(h -> h instanceof DecideCommand d && d.decision() == decision)
        .map(DecideCommand.class::cast).findFirst();
    if (taker.isEmpty()) {
      return Reply.error("Requests are not decided here.");
    }
    DecideCommand handler = taker.get();
    String id = Long.toString(request);
    Effect effect = handler.traits(new Arguments(List.of(id), Map.of())).effect();
    return run(handler.spec(), effect, id, caller, () -> handler.decide(request, caller.actor()));
  }

  /**
   * The reply to {@code line} when it is ready at once; see {@link #routeAtOnce(ParseResult,
   * Caller, boolean)}.
   */
  public Optional<Reply> routeAtOnce(String line, Caller caller, boolean snapshotReady) throws InterruptedException {
    return routeAtOnce(parser.parse(line), caller, snapshotReady);
  }

  /**
   * The reply when it is ready at once, without a Vast call, SSH or a wait for a sweep, so that a
   * face with a deadline (Slack's 3 s) may give it in its acknowledgement: a line that does not
   * parse, and a read-only command whose {@link CommandTraits} say it is instant and whose handler
   * can answer now ({@link AnswersAtOnce}, when it is one), the caller being allowed to read there.
   * Empty otherwise: the face routes it later with {@link #route} (which also refuses and audits).
   * Never runs a command that changes anything, so nothing here is audited. Thread-safe.
   *
   * @param snapshotReady whether the fleet snapshot exists; until it does, only the commands that do
   *     not read it are answered at once (the others would wait for the first list)
   */
  public Optional<Reply> routeAtOnce(ParseResult parsed, Caller caller, boolean snapshotReady)
      throws InterruptedException {
    if (parsed instanceof ParseError error) {
      return Optional.of(refusal(error));
    }
    ParsedCommand command = (ParsedCommand) parsed;
    CommandTraits traits = traitsOf(command);
    if (!traits.instant() || !access.check(caller, Effect.READ).allowed() || !snapshotReady && traits.readsFleet()) {
      return Optional.empty();
    }
    CommandHandler handler = handlers.get(command.spec().name());
    if (handler instanceof AnswersAtOnce atOnce) {
      return Optional.ofNullable(FailureReplies.guarded(command.spec(),
          () -> atOnce.answerAtOnce(command.arguments(), caller.actor()).orElse(null)));
    }
    return Optional.of(FailureReplies.guarded(command.spec(), () -> handler.handle(command.arguments(), caller)));
  }

  /** What the command is, as its handler declares it for these arguments. */
  public CommandTraits traitsOf(ParsedCommand command) {
    return handlers.get(command.spec().name()).traits(command.arguments());
  }

  /** What the line's command would do; empty when the line does not parse. */
  public Optional<Effect> effectOf(String line) {
    return parser.parse(line) instanceof ParsedCommand command ? Optional.of(traitsOf(command).effect())
        : Optional.empty();
  }

  /**
   * Whether {@code caller} may run the parsed command where they are, without running it: for a
   * face that wants to refuse before doing anything slower. A line that does not parse is allowed
   * here and gets its error from {@link #route}.
   */
  public Verdict authorize(ParseResult parsed, Caller caller) {
    return parsed instanceof ParsedCommand command ? access.check(caller, traitsOf(command).effect())
        : new Verdict(true, "the line does not parse");
  }

  /** Writes a refusal that a face gave before routing (see {@link #authorize}) to the audit log. */
  public void auditRefusal(ParsedCommand command, Caller caller, Verdict verdict) {
    audit(command.spec().name(), String.join(" ", command.arguments().positionals()), caller,
        traitsOf(command).effect(), refusal(command.spec().name(), verdict));
  }

  /** The reply that refuses a command the caller may not run. */
  public static Reply refusal(String commandName, Verdict verdict) {
    return Reply.error("You may not run /vast " + commandName + " here: " + verdict.reason() + ".")
        .then(new Paragraph("See /vast whoami."));
  }

  private static Reply refusal(ParseError error) {
    Reply reply = Reply.error(error.message());
    return error.suggestion().map(hint -> reply.then(new Paragraph("Try: " + hint))).orElse(reply);
  }

  /** Checks the caller may have {@code effect}, runs {@code work} if so, and audits how it ended. */
  private Reply run(CommandSpec spec, Effect effect, String arguments, Caller caller, FailureReplies.Work work)
      throws InterruptedException {
    Verdict verdict = access.check(caller, effect);
    Reply reply = verdict.allowed() ? FailureReplies.guarded(spec, work) : refusal(spec.name(), verdict);
    audit(spec.name(), arguments, caller, effect, reply);
    return reply;
  }

  private void audit(String name, String arguments, Caller caller, Effect effect, Reply reply) {
    if (effect == Effect.READ) {
      return;
    }
    try {
      audit.accept(new AuditEntry(clock.instant(), caller.actor().id(), "/vast " + name, arguments,
          (reply.failed() ? "failed: " : "ok: ") + reply.summary()));
    } catch (RuntimeException notAudited) {
      log.error("/vast " + name + ": not written to the audit log: "
          + notAudited.getMessage());
    }
  }
}
