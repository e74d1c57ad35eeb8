package dev.vastbot.slack;

import dev.vastbot.app.Vastbot;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import dev.vastbot.testing.ScriptedShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * A bot on fakes whose fleet is hostile: GPU names, labels and an offer full of mentions, mrkdwn
 * and entities, and every host answering every command with {@code hostOutput}. It takes Slack
 * commands in one channel, where the given operators and approvers act; the alerts it raises are
 * kept, not sent.
 *
 * @param ids the instances' ids, 1 to size
 * @param alerts every alert and resolution raised so far
 * @param terminations a counter for tests that terminate one instance after another
 */
record HostileFleet(Vastbot bot, List<Long> ids, List<Alert> alerts, AtomicLong terminations) {

  static HostileFleet start(int size, String channel, List<String> operators, List<String> approvers,
      Supplier<String> hostOutput) {
    var clock = MutableClock.atEpochDay();
    var provider = new FakeGpuProvider().withOffer(1, "RTX 4090 <!channel>", 0.3, 0.99);
    List<Long> ids = LongStream.rangeClosed(1, size).boxed().toList();
    for (long id : ids) {
      provider.withReachableInstance(id, id % 2 == 0 ? "RTX 4090 <@U1> *x*" : "A100 ```` &amp; \u202e");
      provider.labelInstance(id, "vastbot:<!here> _label_ " + id);
    }
    var shell = new ScriptedShell().answering(command -> ShellOutcome.completed(0, hostOutput.get(),
        hostOutput.get(), false, Duration.ZERO));
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    var store = new InMemoryFleetStore();
    VastbotConfig config = VastbotConfig.defaults(Path.of("/home/bot"));
    var parts = new Vastbot.Parts(Vastbot.Settings.of(config, config.provisionPolicy()),
        new Vastbot.Adapters(provider, store, store.pins(), new Vastbot.Ssh(shell,
            (target, request, progress) -> new SyncReport(0, 0, 0, 0, List.of(), null, null, List.of(),
                Duration.ZERO), Optional::empty), keeping(alerts), node -> List.of()),
        clock, clock.pause(), List.of());
    return new HostileFleet(BotParts.slackBot(parts, channel, operators, approvers), ids, alerts, new AtomicLong());
  }

  private static AlertSink keeping(List<Alert> alerts) {
    return new AlertSink() {
      @Override
      public void alert(Alert alert) {
        alerts.add(alert);
      }

      @Override
      public void resolved(String incident, String text) {
        alerts.add(new Alert(Alert.Severity.INFO, incident, text));
      }
    };
  }
}
