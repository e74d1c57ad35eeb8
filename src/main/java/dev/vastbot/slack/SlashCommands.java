package dev.vastbot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.chat.command.CommandRouter;
import dev.vastbot.chat.command.CommandTraits;
import dev.vastbot.chat.command.ParseResult;
import dev.vastbot.chat.command.ParsedCommand;
import dev.vastbot.chat.command.SlashText;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.access.Caller;
import dev.vastbot.fleet.access.Effect;
import dev.vastbot.service.access.AccessPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /vast ...} from Slack. The text is read once by the chat front end ({@link
 * CommandRouter#readSlash}) into a parsed command, which is what is authorized, answered and
 * routed; no line is rebuilt. A command answered at once ({@link CommandRouter#routeAtOnce}: a
 * parse error, help, whoami, and read-only answers from memory, the store's reads and the fleet
 * snapshot) answers in the acknowledgement; slow work is acknowledged at once and its result
 * arrives through the command's {@code response_url}. Read-only answers are ephemeral unless
 * {@code --public}; commands that change something post in the channel. A refusal is answered in
 * the acknowledgement, ephemeral, and audited. Thread-safe.
 */
final class SlashCommands {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
  private static final Duration ANSWER_FOR = Duration.ofSeconds(1);
  private final SlackSettings settings;
  private final CommandRouter router;
  private final Acknowledgements acks;
  private final ExecutorService work;
  /** Answers at once for a second: they are the same for everyone, and a burst renders them once. */
  private final SharedAnswers<String> answers;
  /** Read-only answers of slow work for a second, the same: a burst before the first list routes them once. */
  private final SharedAnswers<Answer> later;
  private final BooleanSupplier snapshotReady;
  private final CommandAttachments attachments;
  /** Where uploads are queued, so that none is lost. */
  private final SlackOutbox outbox;
  private final Clock clock;
  /** When the last command from a person (not the warm-up) came, on {@link #clock}. */
  private volatile long lastPersonsCommand;

  /** The parts are {@link SlackBot}'s; see its constructor. */
  SlashCommands(SlackSettings settings, CommandRouter router, Acknowledgements acks, ExecutorService work,
      Clock clock, SlackOutbox outbox, CommandAttachments attachments, BooleanSupplier snapshotReady) {
    this.settings = settings;
    this.router = router;
    this.acks = acks;
    this.work = work;
    this.clock = clock;
    this.outbox = outbox;
    this.attachments = attachments;
    this.snapshotReady = snapshotReady;
    this.answers = new SharedAnswers<>(clock, ANSWER_FOR);
    this.later = new SharedAnswers<>(clock, ANSWER_FOR);
  }

  /** When the last command from a person (not the warm-up) came, in the clock's milliseconds. */
  long lastPersonsCommand() {
    return lastPersonsCommand;
  }

  /** Bolt's handler for {@code /vast}. */
  Response onCommand(SlashCommandRequest request, SlashCommandContext context) {
    SlashCommandPayload payload = request.getPayload();
    if (!AckWarmUp.sentBy(payload.getUserId())) {
      lastPersonsCommand = clock.millis();
    }
    if (!acks.firstDelivery("command:" + payload.getTriggerId())) {
      return context.ack();
    }
    SlashText text = router.readSlash(payload.getText());
    Caller caller = Caller.slack(payload.getUserId(), payload.getChannelId(),
        SlackBot.directMessage(payload.getChannelId(), payload.getChannelName()));
    AccessPolicy.Verdict verdict = router.authorize(text.command(), caller);
    if (!verdict.allowed() && text.command() instanceof ParsedCommand refused) {
      auditLater(refused, caller, verdict);
      return context.ack(acks.ephemeral(CommandRouter.refusal(refused.spec().name(), verdict)));
    }
    Optional<CommandTraits> traits = text.command() instanceof ParsedCommand parsed
        ? Optional.of(router.traitsOf(parsed)) : Optional.empty();
    boolean mutating = traits.filter(t -> t.effect() != Effect.READ).isPresent();
    boolean personal = traits.filter(CommandTraits::personal).isPresent();
    String responseType = mutating || text.inChannel() ? "in_channel" : "ephemeral";
    String channel = payload.getChannelId();
    String answer = answerAtOnce(responseType, text, caller, personal);
    if (answer != null) {
      attachLater(text.command(), channel);
      return Acknowledgements.withBody(answer);
    }
    try {
      boolean shared = !mutating && !personal;
      work.submit(() -> respondLater(context, text, caller, responseType, channel, shared));
    } catch (RejectedExecutionException stopping) {
      return context.ack(acks.ephemeral(Reply.error("vastbot is shutting down; try again in a moment.")));
    }
    return context.ack(acks.ephemeral(Reply.of(new Notice(Notice.Level.INFO, "Working on " + text.echo() + " …"))));
  }

  /**
   * Renders each line's answer as an acknowledgement does, for {@code actor}, when it is ready at
   * once (it never probes): the warm-up's, so that the first answers people ask for are compiled.
   */
  void renderAtOnce(List<String> lines, Actor actor) {
    for (String line : lines) {
      Reply reply = Acknowledgements.replyOf(
          () -> router.routeAtOnce(line, Caller.local(actor), snapshotReady.getAsBoolean()).orElse(null));
      if (reply != null) {
        acks.json(reply, "ephemeral");
      }
    }
  }

  /** Audits a refusal given in the acknowledgement, in the background (the acknowledgement must not wait). */
  private void auditLater(ParsedCommand command, Caller caller, AccessPolicy.Verdict verdict) {
    try {
      work.submit(() -> {
        try {
          router.auditRefusal(command, caller, verdict);
        } catch (RuntimeException notAudited) {
          log.warn("a refusal was not audited: " + notAudited.getClass().getSimpleName());
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.warn("stopping; a refusal is not audited");
    }
  }

  /**
   * Routes slow work and queues its answer. A read-only answer that is the same for everyone
   * ({@code shared}) is shared for a second with the same line's other callers, so a burst of
   * commands before the first list routes {@code /vast list} once, not once each.
   */
  private void respondLater(SlashCommandContext context, SlashText text, Caller caller, String responseType,
      String channel, boolean shared) {
    Supplier<Answer> routed = () -> answer(Acknowledgements.replyOf(() -> router.route(text.command(), caller)));
    Answer answer = shared ? later.get(responseType + " " + text.echo(), routed) : null;
    if (answer == null) {
      answer = routed.get();
    }
    acks.respond(context.getResponseUrl(), answer.message(), answer.reply().failed() ? "ephemeral" : responseType);
    if (!answer.reply().failed()) {
      upload(text.command(), channel);
    }
  }

  /** Uploads the command's attachments in the background (the acknowledgement must not wait). */
  private void attachLater(ParseResult command, String channel) {
    if (settings.botToken() == null || channel == null || !(command instanceof ParsedCommand parsed)) {
      return;
    }
    try {
      work.submit(() -> upload(parsed, channel));
    } catch (RejectedExecutionException stopping) {
      log.warn("stopping; the attachment of " + parsed.spec().name() + " is not sent");
    }
  }

  /** Queues the command's attachments (a chart) for the channel it came from. */
  private void upload(ParseResult command, String channel) {
    if (settings.botToken() == null || channel == null || !(command instanceof ParsedCommand parsed)) {
      return;
    }
    for (CommandAttachments.Attachment file : attachments.attachmentsFor(parsed)) {
      outbox.upload(channel, file.fileName(), file.title(), file.content(), outbox.defaultDeadline());
    }
  }

  /** A reply and its message as the outbox sends it, rendered and written once for every caller who shares it. */
  private record Answer(Reply reply, SlackOutbox.Prepared message) {}

  private Answer answer(Reply reply) {
    return new Answer(reply, acks.prepare(reply));
  }

  /**
   * The acknowledgement's JSON when the command is answered at once ({@link CommandRouter#routeAtOnce}:
   * nothing in it waits for a Vast call, SSH, a sweep, the store's writers or the first list), else
   * null (slow work). One rendering per line a second serves a burst ({@link SharedAnswers}), except
   * for an answer about the caller ({@code personal}), rendered for each.
   */
  private String answerAtOnce(String responseType, SlashText text, Caller caller, boolean personal) {
    Supplier<String> render = () -> routeAtOnce(text.command(), caller)
        .map(reply -> acks.json(reply, responseType)).orElse(null);
    return personal ? render.get() : answers.get(responseType + " " + text.echo(), render);
  }

  private Optional<Reply> routeAtOnce(ParseResult command, Caller caller) {
    return Optional.ofNullable(Acknowledgements.replyOf(
        () -> router.routeAtOnce(command, caller, snapshotReady.getAsBoolean()).orElse(null)));
  }
}
