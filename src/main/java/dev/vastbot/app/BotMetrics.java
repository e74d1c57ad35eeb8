package dev.vastbot.app;

import dev.vastbot.chat.command.StatusCommand;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.port.ApprovalStore;
import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.FleetSnapshots;
import dev.vastbot.fleet.port.LoopTask;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.vast.VastCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's meters, in one Prometheus registry that {@link #scrape()} renders as Prometheus text
 * (what {@code GET /metrics} serves). The composition root wraps what it builds with the
 * decorators here, so that nothing in {@code fleet} knows of Micrometer. Durations are read from
 * the injected clock. Tags are low-cardinality by construction: loop names, endpoint templates,
 * enum names; never an instance id or text from a host. Thread-safe.
 */
public final class BotMetrics implements VastCallObserver {
  private static final Logger log = LoggerFactory.getLogger(BotMetrics.class);
  static final String OK = "ok";
  static final String FAILED = "failed";
  static final String VERIFIED = "verified";
  static final String NOT_VERIFIED = "not_verified";
  private final Clock clock;
  private final PrometheusMeterRegistry registry;
  private final Counter syncBytes;
  private final AtomicBoolean gaugesBound = new AtomicBoolean();

  public BotMetrics(Clock clock) {
    this.clock = clock;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
        micrometerClock(clock));
    this.syncBytes = Counter.builder("vastbot.sync.bytes").baseUnit("bytes")
        .description("Bytes copied home by data syncs").register(registry);
  }

  /** Every meter, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * {@code task}, counting each tick by outcome and timing it. A tick that throws counts as failed
   * and its throwable goes on unchanged (the loop records it).
   */
  public LoopTask timed(String loop, LoopTask task) {
    loopTicks(loop, OK);
    loopTicks(loop, FAILED);
    return () -> {
      Instant started = clock.instant();
      String outcome = FAILED;
      try {
        String done = task.tick();
        outcome = OK;
        return done;
      } finally {
        loopTicks(loop, outcome).increment();
        record(Timer.builder("vastbot.loop.tick.duration").description("How long loop ticks took")
            .tags("loop", loop, "outcome", outcome), started);
      }
    };
  }

  /**
   * {@code sync}, counting the bytes each pull copied and timing pulls by outcome: verified, not
   * verified (it completed, but some file had a problem), or failed (it stopped, or threw).
   */
  public DataSync measured(DataSync sync) {
    return (target, request, progress) -> {
      Instant started = clock.instant();
      String outcome = FAILED;
      try {
        SyncReport report = sync.pull(target, request, progress);
        syncBytes.increment(Math.max(0, report.bytesCopied()));
        outcome = report.verified() ? VERIFIED : report.failure() == null ? NOT_VERIFIED : FAILED;
        return report;
      } finally {
        record(Timer.builder("vastbot.sync.duration").description("How long data syncs took")
            .tag("outcome", outcome), started);
      }
    };
  }

  /** Runs one SSH health sweep and times it (failed when it throws, which it goes on doing). */
  public <T> T timeSweep(Supplier<T> sweep) {
    Instant started = clock.instant();
    String outcome = FAILED;
    try {
      T results = sweep.get();
      outcome = OK;
      return results;
    } finally {
      record(Timer.builder("vastbot.ssh.sweep.duration").description("How long SSH health sweeps took")
          .tag("outcome", outcome), started);
    }
  }

  /** Counts and times one attempt of the Vast client. */
  @Override
  public void called(String endpoint, String outcome, Duration took) {
    Counter.builder("vastbot.vast.api.calls").description("Vast API attempts by endpoint and outcome")
        .tags("endpoint", endpoint, "outcome", outcome).register(registry).increment();
    Timer.builder("vastbot.vast.api.call.duration").description("How long Vast API attempts took")
        .tags("endpoint", endpoint, "outcome", outcome).register(registry).record(took);
  }

  /**
   * Binds the gauges read at each scrape: pending approvals from the store, and the fleet by state
   * and its spend rate from the snapshot there is (never listing for it: NaN before the first
   * list). A source that throws shows NaN; the scrape goes on. Once per instance.
   */
  public void bindGauges(ApprovalStore store, FleetSnapshots fleet) {
    if (!gaugesBound.compareAndSet(false, true)) {
      throw new IllegalStateException("the gauges are already bound (one BotMetrics per bot)");
    }
    gauge("vastbot.approvals.pending", "Termination approval requests not decided yet",
        () -> store.pendingApprovals().size());
    for (InstanceState state : InstanceState.values()) {
      Gauge.builder("vastbot.fleet.instances", orNaN("vastbot.fleet.instances",
              fromSnapshot(fleet, s -> s.instances().stream().filter(i -> i.state() == state).count())))
          .description("Instances by state, in the latest fleet snapshot").tag("state", state.display())
          .register(registry);
    }
    Gauge.builder("vastbot.fleet.spend", orNaN("vastbot.fleet.spend",
            fromSnapshot(fleet, s -> StatusCommand.burnRate(s.instances()))))
        .baseUnit("dollars_per_hour").description("What the fleet costs per hour, in the latest snapshot")
        .register(registry);
  }

  private Counter loopTicks(String loop, String outcome) {
    return Counter.builder("vastbot.loop.ticks").description("Loop ticks by outcome")
        .tags("loop", loop, "outcome", outcome).register(registry);
  }

  private void record(Timer.Builder timer, Instant started) {
    timer.register(registry).record(Duration.between(started, clock.instant()));
  }

  private void gauge(String name, String description, DoubleSupplier source) {
    Gauge.builder(name, orNaN(name, source)).description(description).register(registry);
  }

  private static DoubleSupplier fromSnapshot(FleetSnapshots fleet, Function<FleetSnapshot, Number> read) {
    return () -> {
      Optional<FleetSnapshot> snapshot = fleet.peek();
      return snapshot.isPresent() ? read.apply(snapshot.get()).doubleValue() : Double.NaN;
    };
  }

  private static Supplier<Number> orNaN(String name, DoubleSupplier source) {
    return () -> {
      try {
        return source.getAsDouble();
      } catch (RuntimeException unavailable) {
        log.debug("gauge " + name + ": its source failed ("
            + unavailable.getClass().getSimpleName() + "); showing NaN");
        return Double.NaN;
      }
    };
  }

  /** Micrometer's clock on ours, so that timer windows follow the injected time too. */
  private static io.micrometer.core.instrument.Clock micrometerClock(Clock clock) {
    return new io.micrometer.core.instrument.Clock() {
      @Override
      public long wallTime() {
        return clock.millis();
      }

      @Override
      public long monotonicTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }
    };
  }
}
