package dev.vastbot.testing;

import dev.vastbot.app.Vastbot;
import dev.vastbot.app.config.VastbotConfig;
import dev.vastbot.fleet.AlertSink;
import dev.vastbot.fleet.GpuProvider;
import dev.vastbot.fleet.ProvisionPolicy;
import dev.vastbot.fleet.sync.SyncReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The parts of a bot on fakes: no SSH that answers, a sync that copies nothing, logged alerts. */
public final class BotParts {
  private BotParts() {}

  public static Vastbot.Parts of(GpuProvider provider, InMemoryFleetStore store, MutableClock clock) {
    VastbotConfig config = VastbotConfig.defaults(Path.of("/home/bot"));
    return of(config.provisionPolicy(), provider, store, clock);
  }

  public static Vastbot.Parts of(ProvisionPolicy policy, GpuProvider provider, InMemoryFleetStore store,
      MutableClock clock) {
    return of(VastbotConfig.defaults(Path.of("/home/bot")), policy, provider, store, clock);
  }

  /** With {@code config} (a test's own {@code vastbot.yaml}, loaded) in place of the defaults. */
  public static Vastbot.Parts of(VastbotConfig config, ProvisionPolicy policy, GpuProvider provider,
      InMemoryFleetStore store, MutableClock clock) {
    return new Vastbot.Parts(config, policy, provider, store, store.pins(), new ScriptedShell(),
        (target, request, progress) -> new SyncReport(0, 0, 0, 0, List.of(), null, null, List.of(), Duration.ZERO),
        Optional::empty, AlertSink.logging(), node -> List.of(), clock, clock.pause(), List.of());
  }
}
