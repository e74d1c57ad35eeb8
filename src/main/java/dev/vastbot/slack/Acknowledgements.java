package dev.vastbot.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.gson.Gson;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.response.Response;
import com.slack.api.util.json.GsonFactory;
import dev.vastbot.chat.view.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the bot answers Slack, for slash commands and clicks alike: the acknowledgement (its JSON,
 * as Bolt writes it), an answer by response URL (queued in the outbox, only to Slack's own URLs),
 * and which deliveries were seen (Slack's retries and a second click run nothing again).
 * Thread-safe.
 */
final class Acknowledgements {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
  private static final Duration SEEN_FOR = Duration.ofMinutes(15);
  /** How Bolt writes an acknowledgement's JSON (snake case), done once per cached answer. */
  private static final Gson JSON = GsonFactory.createSnakeCase();
  private final ReplyBlocks blocks;
  private final SlackOutbox outbox;
  private final ResponseUrlPolicy responseUrls;
  private final Cache<String, Boolean> seen;

  Acknowledgements(ReplyBlocks blocks, SlackOutbox outbox, ResponseUrlPolicy responseUrls, Clock clock) {
    this.blocks = blocks;
    this.outbox = outbox;
    this.responseUrls = responseUrls;
    this.seen = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfterWrite(SEEN_FOR)
        .maximumSize(100_000)
        .build();
  }

  /** A call to the router, whose reply a Slack request answers with. */
  @FunctionalInterface
  interface Call {
    Reply run() throws InterruptedException;
  }

  /**
   * The reply of {@code call}; an interruption or an unexpected failure becomes an error reply that
   * names only the failure's type (never its message).
   */
  static Reply replyOf(Call call) {
    try {
      return call.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.error("interrupted");
    } catch (RuntimeException e) {
      log.error("a command failed unexpectedly: " + e.getClass().getSimpleName());
      return Reply.error("failed unexpectedly (" + e.getClass().getSimpleName() + "); see the bot's log");
    }
  }

  /** Whether this delivery is new: Slack's retries and a second click run nothing again. */
  boolean firstDelivery(String key) {
    return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
  }

  /** The acknowledgement that carries {@code reply}, shown as {@code responseType}. */
  SlashCommandResponse response(Reply reply, String responseType) {
    SlackMessage message = blocks.message(reply);
    return SlashCommandResponse.builder()
        .responseType(responseType)
        .text(message.text())
        .blocks(message.blocks())
        .build();
  }

  SlashCommandResponse ephemeral(Reply reply) {
    return response(reply, "ephemeral");
  }

  /** The acknowledgement's JSON body carrying {@code reply}. */
  String json(Reply reply, String responseType) {
    return JSON.toJson(response(reply, responseType));
  }

  /** An HTTP 200 acknowledgement with a JSON body written before ({@link #json}). */
  static Response withBody(String json) {
    return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
        .body(json).build();
  }

  /** {@code reply} fitted to Slack's limits and written once, to queue for one caller or many. */
  SlackOutbox.Prepared prepare(Reply reply) {
    return SlackOutbox.prepare(blocks.message(reply));
  }

  /** Queues an answer to the command's (or the click's) response URL; none without one, or to one not Slack's. */
  void respond(String responseUrl, Reply reply, String responseType) {
    respond(responseUrl, prepare(reply), responseType);
  }

  void respond(String responseUrl, SlackOutbox.Prepared message, String responseType) {
    if (responseUrl == null || responseUrl.isBlank()) {
      log.warn("a request without a response URL; its answer is not sent");
      return;
    }
    if (!responseUrls.allows(responseUrl, "an answer")) {
      return;
    }
    outbox.respond(responseUrl, responseType, message);
  }
}
