package dev.vastbot.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import dev.vastbot.fleet.outbox.NewMessage;
import dev.vastbot.fleet.outbox.OutboxMessage.Kind;
import dev.vastbot.fleet.port.OutboxStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where everything the bot says in Slack is queued: posts, replies in a thread, edits, file uploads
 * and answers through a command's response URL. Each is fitted to Slack's limits ({@link
 * BlockKitLimits#fit}) and written to the store's outbox before anything is sent ({@link
 * OutboxSender} sends it), so nothing is lost to a Slack outage, a 429 or a restart. A reply or an
 * edit names its message by key, so it goes out after that message and with the channel id and
 * {@code ts} Slack gave it. Thread-safe as far as the store is.
 */
public final class SlackOutbox {
  /** How long an alert or an edit may wait for Slack before it is given up. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);
  /** A response URL takes answers for 30 minutes after the command. */
  public static final Duration RESPONSE_URL_LIFE = Duration.ofMinutes(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Gson BLOCKS = GsonFactory.createSnakeCase();
  private final OutboxStore store;
  private final Clock clock;
  private final Runnable wake;

  /** @param wake tells the sender there is something new to send (it looks anyway, a little later) */
  public SlackOutbox(OutboxStore store, Clock clock, Runnable wake) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.wake = Objects.requireNonNull(wake, "wake");
  }

  /** A new message in {@code channel} (an id); {@code key} names it for replies and edits (or null). */
  public long post(String channel, String key, SlackMessage message, Instant deadline) {
    return queue(new NewMessage(channel, Kind.POST, key, null, payload(message), null, deadline));
  }

  /** A reply in the thread of the message queued as {@code parentKey}. */
  public long reply(String channel, String parentKey, String key, SlackMessage message, Instant deadline) {
    return queue(new NewMessage(channel, Kind.REPLY, key, parentKey, payload(message), null, deadline));
  }

  /** The new content of the message queued as {@code parentKey}; replaces edits of it not yet sent. */
  public long update(String channel, String parentKey, SlackMessage message, Instant deadline) {
    return queue(new NewMessage(channel, Kind.UPDATE, null, parentKey, payload(message), null, deadline));
  }

  /** A file shared in {@code channel}. */
  public long upload(String channel, String fileName, String title, byte[] content, Instant deadline) {
    ObjectNode payload = JSON.createObjectNode().put("filename", fileName).put("title", title);
    return queue(new NewMessage(channel, Kind.UPLOAD, null, null, payload.toString(), content.clone(), deadline));
  }

  /**
   * An answer through a command's response URL (checked by the caller: Slack's own), within the
   * URL's life; answers to one URL go out in order.
   *
   * @param responseType {@code ephemeral} or {@code in_channel}
   */
  public long respond(String responseUrl, String responseType, SlackMessage message) {
    return respond(responseUrl, responseType, prepare(message));
  }

  /**
   * {@link #respond(String, String, SlackMessage)} with a message fitted and written once, for
   * answers that many commands share (a burst of {@code /vast list} before the first list).
   */
  public long respond(String responseUrl, String responseType, Prepared message) {
    ObjectNode payload = message.payload.deepCopy().put("url", responseUrl).put("response_type", responseType)
        .put("replace_original", false);
    return queue(new NewMessage(laneOf(responseUrl), Kind.RESPOND, null, null, payload.toString(), null,
        clock.instant().plus(RESPONSE_URL_LIFE)));
  }

  /** A message fitted to Slack's limits and written as the outbox keeps it; immutable. */
  public static final class Prepared {
    private final ObjectNode payload;

    private Prepared(ObjectNode payload) {
      this.payload = payload;
    }
  }

  /** {@code message} fitted ({@link BlockKitLimits#fit}) and written, to queue once or many times. */
  public static Prepared prepare(SlackMessage message) {
    return new Prepared(payloadNode(message));
  }

  /** Whether a message was ever queued under {@code key}. */
  public boolean queued(String key) {
    return store.outboxMessage(key).isPresent();
  }

  /** When a message queued now gives up by default. */
  public Instant defaultDeadline() {
    return clock.instant().plus(DEFAULT_DEADLINE);
  }

  private long queue(NewMessage message) {
    long id = store.enqueue(message, clock.instant());
    wake.run();
    return id;
  }

  private static String payload(SlackMessage message) {
    return payloadNode(message).toString();
  }

  /** The message fitted to Slack's limits ({@link BlockKitLimits#fit}), as the sender sends it. */
  private static ObjectNode payloadNode(SlackMessage message) {
    SlackMessage fitted = BlockKitLimits.fit(message);
    ObjectNode payload = JSON.createObjectNode().put("text", fitted.text());
    if (!fitted.blocks().isEmpty()) {
      try {
        payload.set("blocks", JSON.readTree(BLOCKS.toJson(fitted.blocks())));
      } catch (IOException e) {
        throw new UncheckedIOException("blocks not JSON", e);
      }
    }
    return payload;
  }

  /** A response URL's lane: a digest, so the URL (a capability) is not repeated in keys and logs. */
  static String laneOf(String responseUrl) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(responseUrl.getBytes(StandardCharsets.UTF_8));
      return "respond:" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
