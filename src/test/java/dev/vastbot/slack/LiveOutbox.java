package dev.vastbot.slack;

import com.slack.api.Slack;
import dev.vastbot.app.ExecutorTaskScheduler;
import dev.vastbot.fleet.port.OutboxStore;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * The outbox sent for real, for tests of whole flows on the real clock: a {@link SlackDelivery} on
 * the store, aimed at the stand-in, pumped on a scheduler thread of its own.
 */
final class LiveOutbox implements AutoCloseable {
  private final SlackDelivery delivery;
  private final ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(1);

  private LiveOutbox(SlackDelivery delivery) {
    this.delivery = delivery;
    delivery.start(scheduler);
  }

  static LiveOutbox on(OutboxStore store, SlackStandIn slack) {
    return new LiveOutbox(SlackDelivery.on(store, Slack.getInstance(slack.sdkConfig())
        .methods(SlackStandIn.BOT_TOKEN), new OkHttpClient(), Clock.systemUTC()));
  }

  SlackOutbox outbox() {
    return delivery.outbox();
  }

  @Override
  public void close() {
    delivery.close();
    scheduler.close();
  }
}
