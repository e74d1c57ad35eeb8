package dev.vastbot.store;

import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.RecordedHealthCheck;
import dev.vastbot.fleet.port.HealthStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link HealthStore} on the store's database. A sweep's checks are recorded in one
 * transaction; the set-ups and loop ticks that commands show are read on the connection that does
 * not wait for writers.
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcHealthStore implements HealthStore {
  private final SerializedConnection connection;
  private final SerializedConnection reads;
  private final RemoteStateTables remote = new RemoteStateTables();
  private final UsageTables usage = new UsageTables();
  private final SetupTable setups = new SetupTable();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcHealthStore(StoreDatabase database) {
    this.connection = database.writes();
    this.reads = database.reads();
  }

  @Override
  public HealthStreak recordHealthCheck(long instanceId, boolean healthy, String level, Instant at) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("record a health check of instance " + instanceId,
        c -> remote.recordHealthCheck(c, instanceId, healthy, level, at));
  }

  @Override
  public Optional<HealthStreak> healthStreak(long instanceId) {
    return connection.inTransaction("read the health streak of instance " + instanceId,
        c -> remote.streak(c, instanceId));
  }

  /** All in one transaction: a failure records none of them. */
  @Override
  public List<RecordedHealthCheck> recordHealthChecks(List<HealthCheckRecord> checks,
      Instant at) {
    List<HealthCheckRecord> all = List.copyOf(checks);
    Objects.requireNonNull(at, "at");
    all.forEach(check -> Objects.requireNonNull(check.level(), "level"));
    return connection.inTransaction("record " + all.size() + " health checks", c -> {
      List<RecordedHealthCheck> recorded = new ArrayList<>();
      for (HealthCheckRecord check : all) {
        long id = check.instanceId();
        int before = remote.streak(c, id).map(HealthStreak::consecutiveFailures).orElse(0);
        HealthStreak streak = remote.recordHealthCheck(c, id, check.healthy(), check.level(), at);
        Optional<Instant> idleSince = usage.recordGpuIdle(c, id, check.idle(), at);
        if (check.gamesLastHour() != null) {
          usage.recordGames(c, id, check.gamesLastHour(), at);
        }
        recorded.add(new RecordedHealthCheck(id, before, streak, idleSince));
      }
      return recorded;
    });
  }

  @Override
  public Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at) {
    return connection.inTransaction("record GPU idleness of instance " + instanceId,
        c -> usage.recordGpuIdle(c, instanceId, idle, at));
  }

  @Override
  public Optional<Instant> gpuIdleSince(long instanceId) {
    return connection.inTransaction("read since when instance " + instanceId + " is idle",
        c -> usage.gpuIdleSince(c, instanceId));
  }

  @Override
  public void recordGamesLastHour(long instanceId, int games, Instant at) {
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record the games of instance " + instanceId, c -> {
      usage.recordGames(c, instanceId, games, at);
      return null;
    });
  }

  @Override
  public Optional<Integer> gamesLastHour(long instanceId, Instant since) {
    Objects.requireNonNull(since, "since");
    return connection.inTransaction("read the games of instance " + instanceId,
        c -> usage.games(c, instanceId, since));
  }

  @Override
  public void startSetup(long instanceId, String kind, Instant at) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record that vast-" + instanceId + "'s set-up began", c -> {
      setups.start(c, instanceId, kind, at);
      return null;
    });
  }

  @Override
  public boolean endSetup(OpenSetup setup, String outcome, Instant at) {
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("record that vast-" + setup.instanceId() + "'s set-up ended",
        c -> setups.end(c, setup, outcome, at));
  }

  /** Read on the connection that does not wait for writers: {@code /vast health} answers at once. */
  @Override
  public List<OpenSetup> openSetups() {
    return reads.inTransaction("read the set-ups in progress", setups::open);
  }

  @Override
  public Set<Long> overdueSetups() {
    return reads.inTransaction("read the set-ups that overran", setups::overdue);
  }

  @Override
  public boolean clearOverdueSetup(long instanceId) {
    return connection.inTransaction("note that vast-" + instanceId + " is healthy after its set-up overran",
        c -> setups.clearOverdue(c, instanceId));
  }

  @Override
  public void recordLoopTick(LoopTick tick) {
    connection.inTransaction("record a tick of loop " + tick.loop(), c -> {
      remote.recordLoopTick(c, tick);
      return null;
    });
  }

  @Override
  public Optional<LoopTick> lastLoopTick(String loop) {
    return reads.inTransaction("read the last tick of loop " + loop, c -> remote.lastLoopTick(c, loop));
  }
}
