package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.fail;

import com.slack.api.Slack;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;

/**
 * The outbox and its sender against a {@link SlackStandIn}, drained by hand on a {@link
 * MutableClock}: {@link #drainAll} sends what is due and moves the clock on to the next due time
 * until nothing is pending, so Retry-After waits and pacing cost no real time. What the sender
 * could not deliver is kept in {@link #undelivered()}.
 */
final class DrainedOutbox {
  private static final int MAX_ROUNDS = 10_000;
  private final OutboxStore store;
  private final MutableClock clock;
  private final OutboxSender sender;
  private final SlackOutbox outbox;
  private final List<String> undelivered = new ArrayList<>();
  private final List<SlackDelivery.Claim> claims = new ArrayList<>();

  DrainedOutbox(OutboxStore store, SlackStandIn slack, MutableClock clock) {
    this(store, slack, clock, new OkHttpClient(), Runnable::run);
  }

  /** Sending with {@code http} for response URLs, and the lanes' heads on {@code sending}. */
  DrainedOutbox(OutboxStore store, SlackStandIn slack, MutableClock clock, OkHttpClient http,
      java.util.concurrent.Executor sending) {
    this.store = store;
    this.clock = clock;
    this.sender = new OutboxSender(store, Slack.getInstance(slack.sdkConfig()).methods(SlackStandIn.BOT_TOKEN),
        http, clock, new Random(7), this::tell, sending);
    this.outbox = new SlackOutbox(store, clock, () -> { });
  }

  SlackOutbox outbox() {
    return outbox;
  }

  OutboxSender sender() {
    return sender;
  }

  /** Adds a listener for undelivered messages, as {@link SlackDelivery#whenUndelivered} does. */
  void whenUndelivered(SlackDelivery.Claim claim) {
    claims.add(claim);
  }

  /** "kind key: why" of every message given up, in order. */
  List<String> undelivered() {
    return List.copyOf(undelivered);
  }

  /** Drains until nothing is pending, advancing the clock to each next due time. */
  void drainAll() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Instant next = sender.drain();
      if (store.pendingMessages() == 0) {
        return;
      }
      if (next.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next));
      }
    }
    fail("the outbox did not empty in " + MAX_ROUNDS + " rounds: " + store.pendingMessages() + " pending");
  }

  private void tell(OutboxMessage message, String why) {
    undelivered.add(message.kind() + " " + message.key() + ": " + why);
    for (SlackDelivery.Claim claim : claims) {
      if (claim.undelivered(message, why)) {
        return;
      }
    }
  }
}
