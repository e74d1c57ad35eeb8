package dev.vastbot.slack;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertSink;
import dev.vastbot.fleet.AlertThread;
import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.approval.PromptRef;
import java.time.Clock;
import java.util.Optional;

/**
 * Alerts as Slack threads: one parent message per incident (an instance and a kind), every update
 * in its thread, and when it clears a note in the thread and the parent edited to resolved. The
 * thread is kept in the store, so a restart posts into the same thread instead of a second
 * parent. How each message looks is {@link AlertMessages}'s. Never throws; what Slack refuses is
 * logged (and still in the bot's log).
 */
public final class SlackAlertSink implements AlertSink {
  private static final System.Logger log = System.getLogger(SlackAlertSink.class.getName());
  private final SlackCalls slack;
  private final String channel;
  private final FleetStore store;
  private final Clock clock;

  public SlackAlertSink(com.slack.api.methods.MethodsClient client, String channel, FleetStore store, Clock clock) {
    this.slack = new SlackCalls(client);
    this.channel = channel;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void alert(Alert alert) {
    try {
      Optional<AlertThread> open = store.alertThread(alert.incident()).filter(AlertThread::open);
      if (open.isPresent()) {
        slack.reply(ref(open.get()), AlertMessages.reply(alert));
        return;
      }
      slack.post(channel, AlertMessages.post(alert)).ifPresent(ts -> {
        if (!store.openAlertThread(new AlertThread(alert.incident(), channel, ts, clock.instant(), null))) {
          store.alertThread(alert.incident())
              .ifPresent(theirs -> slack.reply(ref(theirs), AlertMessages.reply(alert)));
        }
      });
    } catch (RuntimeException failed) {
      log.log(System.Logger.Level.WARNING, "alert " + alert.incident() + " not posted: " + failed.getClass().getSimpleName());
    }
  }

  @Override
  public void resolved(String incident, String text) {
    try {
      Optional<AlertThread> open = store.alertThread(incident).filter(AlertThread::open);
      if (open.isEmpty() || !store.resolveAlertThread(incident, clock.instant())) {
        return;
      }
      SlackMessage note = AlertMessages.resolved(text);
      slack.reply(ref(open.get()), note);
      slack.update(ref(open.get()), note);
    } catch (RuntimeException failed) {
      log.log(System.Logger.Level.WARNING, "resolution of " + incident + " not posted: " + failed.getClass().getSimpleName());
    }
  }

  private static PromptRef ref(AlertThread thread) {
    return new PromptRef(thread.channel(), thread.ts());
  }
}
