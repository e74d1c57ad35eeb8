package dev.vastbot.slack;

import com.slack.api.methods.MethodsClient;
import dev.vastbot.fleet.outbox.OutboxMessage;
import dev.vastbot.fleet.port.OutboxStore;
import dev.vastbot.fleet.port.TaskScheduler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/**
 * The outbox put together: {@link SlackOutbox} to queue, {@link OutboxSender} to send, {@link
 * OutboxPump} to keep sending on a scheduler, and the listeners that hear of a message that could
 * not be delivered (each says whether the message was its own; one that none claims is logged by
 * the sender). Built once in the composition root.
 */
public final class SlackDelivery implements AutoCloseable {
  private static final Duration RESPOND_TIMEOUT = Duration.ofSeconds(10);
  /** Lanes (channels, response URLs) sent to at once. */
  static final int SENDING_THREADS = 4;
  private final ExecutorService sending;
  private final SlackOutbox outbox;
  private final OutboxSender sender;
  private final OutboxPump pump;
  private final List<Claim> listeners = new CopyOnWriteArrayList<>();

  /** A listener that takes the messages it knows: returns whether {@code message} was its own. */
  @FunctionalInterface
  public interface Claim {
    boolean undelivered(OutboxMessage message, String why);
  }

  private SlackDelivery(OutboxStore store, MethodsClient client, OkHttpClient http, Clock clock) {
    this.sending = Executors.newFixedThreadPool(SENDING_THREADS, runnable -> {
      Thread thread = new Thread(runnable, "vastbot-outbox-send");
      thread.setDaemon(true);
      return thread;
    });
    this.sender = new OutboxSender(store, client, http, clock, new SecureRandom(), this::tell, sending);
    this.pump = new OutboxPump(sender, clock);
    this.outbox = new SlackOutbox(store, clock, pump::wake);
  }

  /**
   * @param client the Web API with the bot token; null without one (then posts, edits and uploads
   *     fail, and only answers by response URL go out)
   * @param http the process's HTTP client; answers by response URL go through one derived from it
   *     (a call timeout, no redirects), which shares its connection pool and dispatcher
   */
  public static SlackDelivery on(OutboxStore store, MethodsClient client, OkHttpClient http, Clock clock) {
    var answers = http.newBuilder().callTimeout(RESPOND_TIMEOUT).followRedirects(false).build();
    return new SlackDelivery(store, client, answers, clock);
  }

  public SlackOutbox outbox() {
    return outbox;
  }

  /** The sender itself, for a caller that drains by hand (a test, a benchmark). */
  public OutboxSender sender() {
    return sender;
  }

  /** Adds a listener for messages that could not be delivered. */
  public void whenUndelivered(Claim listener) {
    listeners.add(listener);
  }

  /** Starts sending on {@code scheduler}; {@link #close} stops. */
  public void start(TaskScheduler scheduler) {
    pump.start(scheduler);
  }

  private void tell(OutboxMessage message, String why) {
    for (Claim listener : new ArrayList<>(listeners)) {
      if (listener.undelivered(message, why)) {
        return;
      }
    }
  }

  @Override
  public void close() {
    pump.close();
    sending.shutdownNow();
  }
}
