package dev.vastbot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.outbox.OutboxMessage.Kind;
import dev.vastbot.fleet.outbox.OutboxMessage.State;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.fleet.text.SafeText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox ({@link SlackOutbox}): the oldest pending message of each lane, in order, at
 * most one a lane every {@link #LANE_PACE} (Slack allows about one message a second per channel,
 * so the bot stays inside it by design rather than by retrying). A 429 waits its {@code
 * Retry-After}; a failure that may pass (a network error, a 5xx, {@code ok:false} with an error
 * such as {@code internal_error}) is retried with jittered exponential backoff; any other {@code
 * ok:false} ends the message FAILED at once; a message not delivered by its deadline ends EXPIRED.
 * Both are told to the {@link Listener}, which tells people. Every post carries message metadata
 * with its outbox id, so a message is recognisable in the channel's history.
 *
 * <p>One thread drains at a time ({@link #drain} is synchronized); the heads of several lanes are
 * sent at once on the executor it is given, so a slow channel or response URL holds up no other
 * lane. Never throws for a message's failure. Nothing it logs holds a payload, a token or a
 * response URL.
 */
public final class OutboxSender {
  static final Duration LANE_PACE = Duration.ofMillis(1_100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
  /** How long to wait before looking again when nothing is due (another process may queue). */
  static final Duration IDLE = Duration.ofSeconds(1);
  private static final int MAX_SENDS_PER_DRAIN = 200;
  private static final Set<String> PASSING_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error",
      "fatal_error", "service_unavailable", "request_timeout", "timeout");
  /** What to do about the refusals an operator can fix. */
  private static final Map<String, String> HINTS = Map.of(
      "not_in_channel", " (invite the app to the channel: /invite @vastbot)",
      "channel_not_found", " (check slack.channel in vastbot.yaml, and that the app is in the channel)",
      "is_archived", " (the channel is archived; set another slack.channel)",
      "invalid_auth", " (check SLACK_BOT_TOKEN)",
      "token_revoked", " (the app was uninstalled or its token revoked; reinstall it)");
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private final OutboxStore store;
  private final MethodsClient client;
  private final OkHttpClient http;
  private final Clock clock;
  private final RandomGenerator jitter;
  private final Listener listener;
  private final Executor sending;
  /** When each lane last delivered; read and written on the draining thread only. */
  private final Map<String, Instant> lastSent = new HashMap<>();

  /** Who hears of messages that could not be delivered. Called on the sending thread; must not throw. */
  @FunctionalInterface
  public interface Listener {
    void undelivered(OutboxMessage message, String why);
  }

  /**
   * @param client the Web API with the bot token
   * @param http posts response-URL answers
   * @param jitter spreads retries (a seeded one in tests)
   */
  public OutboxSender(OutboxStore store, MethodsClient client, OkHttpClient http, Clock clock, RandomGenerator jitter,
      Listener listener) {
    this(store, client, http, clock, jitter, listener, Runnable::run);
  }

  /**
   * @param sending where the heads of several lanes are sent at once (the drain's own thread with
   *     {@code Runnable::run}, one lane after the other)
   */
  public OutboxSender(OutboxStore store, MethodsClient client, OkHttpClient http, Clock clock, RandomGenerator jitter,
      Listener listener, Executor sending) {
    this.sending = sending;
    this.store = store;
    this.client = client;
    this.http = http;
    this.clock = clock;
    this.jitter = jitter;
    this.listener = listener;
  }

  /** Sends what is due now, lane by lane; returns when something will next be due. */
  public synchronized Instant drain() {
    Instant wake = clock.instant().plus(IDLE);
    for (int sends = 0; sends < MAX_SENDS_PER_DRAIN; ) {
      Instant now = clock.instant();
      var due = new ArrayList<OutboxMessage>();
      for (OutboxMessage head : store.laneHeads()) {
        Optional<Instant> notYet = notYet(head, now);
        if (notYet.isPresent()) {
          wake = earlier(wake, notYet.get());
        } else if (due.size() < MAX_SENDS_PER_DRAIN - sends) {
          due.add(head);
        }
      }
      if (due.isEmpty()) {
        break;
      }
      sends += due.size();
      // the lanes' heads at once: a slow channel or response URL holds up no other lane
      var attempts = new ArrayList<CompletableFuture<Outcome>>();
      due.forEach(head -> attempts.add(CompletableFuture.supplyAsync(() -> attempt(head, now), sending)));
      for (int i = 0; i < due.size(); i++) {
        wake = earlier(wake, record(due.get(i), attempts.get(i).join()));
      }
    }
    return wake;
  }

  /** When the lane's head may go, if not now. */
  private Optional<Instant> notYet(OutboxMessage head, Instant now) {
    if (now.isAfter(head.deadline())) {
      return Optional.empty(); // due: to be expired
    }
    Instant paced = head.kind() == Kind.RESPOND ? Instant.MIN
        : lastSent.getOrDefault(head.lane(), Instant.MIN).plus(LANE_PACE);
    Instant due = head.nextAttemptAt().isAfter(paced) ? head.nextAttemptAt() : paced;
    return due.isAfter(now) ? Optional.of(due) : Optional.empty();
  }

  /** What one attempt at a message came to. */
  private record Outcome(State state, String channel, String ts, Duration retryAfter, String error) {
    static Outcome sent(String channel, String ts) {
      return new Outcome(State.SENT, channel, ts, null, null);
    }

    static Outcome retry(Duration after, String error) {
      return new Outcome(State.PENDING, null, null, after, error);
    }

    static Outcome failed(State state, String error) {
      return new Outcome(state, null, null, null, error);
    }
  }

  private Outcome attempt(OutboxMessage message, Instant now) {
    if (now.isAfter(message.deadline())) {
      return Outcome.failed(State.EXPIRED, "not delivered by its deadline " + message.deadline()
          + (message.lastError() == null ? "" : " (last: " + message.lastError() + ")"));
    }
    if (client == null && message.kind() != Kind.RESPOND) {
      return Outcome.failed(State.FAILED, "no bot token (SLACK_BOT_TOKEN): only answers by response URL go out");
    }
    try {
      JsonNode payload = JSON.readTree(message.payload());
      return switch (message.kind()) {
        case POST -> post(message, payload, null);
        case REPLY, UPDATE -> withParent(message, payload);
        case UPLOAD -> upload(message, payload);
        case RESPOND -> respond(payload);
      };
    } catch (SlackApiException refused) {
      return refusedOverHttp(message, refused);
    } catch (IOException | RuntimeException unreachable) {
      return Outcome.retry(backoff(message), unreachable.getClass().getSimpleName());
    }
  }

  private Outcome withParent(OutboxMessage message, JsonNode payload) throws IOException, SlackApiException {
    Optional<OutboxMessage> parent = store.outboxMessage(message.parentKey());
    if (parent.isEmpty() || parent.get().state().finished() && !parent.get().sent()) {
      return Outcome.failed(State.FAILED, "the message it " + (message.kind() == Kind.REPLY ? "answers" : "edits")
          + " was never posted");
    }
    if (!parent.get().sent()) {
      return Outcome.retry(LANE_PACE, null); // queued in another lane, not sent yet
    }
    if (message.kind() == Kind.REPLY) {
      return post(message, payload, parent.get());
    }
    var answer = client.chatUpdate(r -> r.channel(parent.get().channel()).ts(parent.get().ts())
        .text(payload.path("text").asText()).blocksAsString(blocks(payload)));
    return answered(message, answer, parent.get().channel(), parent.get().ts());
  }

  private Outcome post(OutboxMessage message, JsonNode payload, OutboxMessage thread)
      throws IOException, SlackApiException {
    var answer = client.chatPostMessage(r -> r.channel(thread == null ? message.lane() : thread.channel())
        .threadTs(thread == null ? null : thread.ts())
        .text(payload.path("text").asText())
        .blocksAsString(blocks(payload))
        .unfurlLinks(false)
        .unfurlMedia(false)
        .metadataAsString(metadata(message)));
    return answered(message, answer, answer.getChannel(), answer.getTs());
  }

  private Outcome upload(OutboxMessage message, JsonNode payload) throws IOException, SlackApiException {
    var answer = client.filesUploadV2(r -> r.channel(message.lane()).filename(payload.path("filename").asText())
        .title(payload.path("title").asText()).fileData(message.file()));
    return answered(message, answer, message.lane(), null);
  }

  private Outcome respond(JsonNode payload) throws IOException {
    ObjectNode body = ((ObjectNode) payload.deepCopy());
    String url = body.remove("url").asText();
    try (var response = http.newCall(new Request.Builder().url(url)
        .post(RequestBody.create(body.toString(), JSON_TYPE)).build()).execute()) {
      if (response.isSuccessful()) {
        return Outcome.sent(null, null);
      }
      if (response.code() == 429 || response.code() >= 500) {
        return Outcome.retry(response.code() == 429 ? retryAfter(response.header("Retry-After"))
            : backoffOf(1), "HTTP " + response.code());
      }
      return Outcome.failed(State.FAILED, "the response URL answered HTTP " + response.code());
    }
  }

  private Outcome answered(OutboxMessage message, SlackApiTextResponse answer, String channel, String ts) {
    if (answer.isOk()) {
      return Outcome.sent(channel, ts);
    }
    String error = SafeText.forTerminalCell(answer.getError(), 80);
    if (PASSING_ERRORS.contains(answer.getError())) {
      return Outcome.retry(backoff(message), error);
    }
    String needed = answer.getNeeded() == null ? "" : SafeText.forTerminalCell(answer.getNeeded(), 80);
    return Outcome.failed(State.FAILED, "Slack refused it: " + error + HINTS.getOrDefault(answer.getError(), "")
        + (needed.isEmpty() ? "" : "; the app needs the scope " + needed));
  }

  private Outcome refusedOverHttp(OutboxMessage message, SlackApiException refused) {
    int code = refused.getResponse().code();
    if (code == 429) {
      return Outcome.retry(retryAfter(refused.getResponse().header("Retry-After")), "HTTP 429");
    }
    if (code >= 500) {
      return Outcome.retry(backoff(message), "HTTP " + code);
    }
    String error = refused.getError() == null ? "HTTP " + code
        : SafeText.forTerminalCell(refused.getError().getError(), 80);
    return Outcome.failed(State.FAILED, "Slack refused it: " + error);
  }

  /** Records the outcome; returns when the lane may go next. */
  private Instant record(OutboxMessage message, Outcome outcome) {
    Instant now = clock.instant();
    switch (outcome.state()) {
      case SENT -> {
        store.markSent(message.id(), outcome.channel(), outcome.ts(), now);
        lastSent.put(message.lane(), now);
        return now.plus(LANE_PACE);
      }
      case PENDING -> {
        Instant next = now.plus(outcome.retryAfter());
        store.markRetry(message.id(), next, outcome.error());
        if (outcome.error() != null) {
          log.info("Slack " + describe(message) + " put off until " + next + ": "
              + outcome.error());
        }
        return next;
      }
      default -> {
        store.markUndelivered(message.id(), outcome.state(), outcome.error(), now);
        log.warn("Slack " + describe(message) + " not delivered: " + outcome.error());
        tell(message, outcome.error());
        return now;
      }
    }
  }

  private void tell(OutboxMessage message, String why) {
    try {
      listener.undelivered(message, why);
    } catch (RuntimeException failed) {
      log.error("could not tell of undelivered " + describe(message) + ": "
          + failed.getClass().getSimpleName());
    }
  }

  private Duration backoff(OutboxMessage message) {
    return backoffOf(message.attempts() + 1);
  }

  /** Exponential from one second, at most {@link #MAX_BACKOFF}, times 0.5 to 1.5 at random. */
  private Duration backoffOf(int attempt) {
    long base = Math.min(MAX_BACKOFF.toMillis(), 1_000L << Math.min(attempt - 1, 16));
    return Duration.ofMillis((long) (base * (0.5 + jitter.nextDouble())));
  }

  /** A 429's Retry-After (seconds; one when unreadable), plus up to a quarter second of jitter. */
  private Duration retryAfter(String header) {
    long seconds = 1;
    try {
      seconds = header == null ? 1 : Math.max(0, Long.parseLong(header.strip()));
    } catch (NumberFormatException unreadable) {
      seconds = 1;
    }
    Duration wait = Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()));
    return wait.plusMillis(jitter.nextInt(250));
  }

  private static String blocks(JsonNode payload) {
    JsonNode blocks = payload.get("blocks");
    return blocks == null ? null : blocks.toString();
  }

  private static String metadata(OutboxMessage message) {
    ObjectNode metadata = JSON.createObjectNode().put("event_type", "vastbot_outbox");
    metadata.putObject("event_payload").put("outbox_id", message.id());
    return metadata.toString();
  }

  private static String describe(OutboxMessage message) {
    return message.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + message.id()
        + (message.key() == null ? "" : " (" + SafeText.forTerminalCell(message.key(), 80) + ")");
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
