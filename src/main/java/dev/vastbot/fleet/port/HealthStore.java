package dev.vastbot.fleet.port;

import dev.vastbot.fleet.HealthCheckRecord;
import dev.vastbot.fleet.HealthStreak;
import dev.vastbot.fleet.LoopTick;
import dev.vastbot.fleet.OpenSetup;
import dev.vastbot.fleet.RecordedHealthCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the hosts and the bot's loops are doing: each instance's streak of failed health checks,
 * since when its GPUs are idle, the games it played in the last hour, the set-ups in progress (a
 * host being set up is not sick), and the latest tick of each loop.
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}; a null argument as {@link NullPointerException}.
 */
public interface HealthStore {

  /**
   * Records one health check of an instance and returns its streak: a healthy check resets the
   * count of consecutive failures to 0, any other level adds one.
   */
  HealthStreak recordHealthCheck(long instanceId, boolean healthy, String level, Instant at);

  Optional<HealthStreak> healthStreak(long instanceId);

  /**
   * Records the checks of a sweep, each as {@link #healthStreak}, {@link #recordHealthCheck},
   * {@link #recordGpuIdle} and, when it reported games, {@link #recordGamesLastHour} would, in the
   * order given; in one transaction where the store has them (all recorded or none), so that a
   * sweep of a thousand hosts holds the write lock once instead of a few thousand times.
   *
   * @return what each check made of its instance's state, in the same order
   */
  default List<RecordedHealthCheck> recordHealthChecks(List<HealthCheckRecord> checks, Instant at) {
    List<RecordedHealthCheck> recorded = new ArrayList<>();
    for (HealthCheckRecord check : checks) {
      int before = healthStreak(check.instanceId()).map(HealthStreak::consecutiveFailures).orElse(0);
      HealthStreak streak = recordHealthCheck(check.instanceId(), check.healthy(), check.level(), at);
      Optional<Instant> idleSince = recordGpuIdle(check.instanceId(), check.idle(), at);
      if (check.gamesLastHour() != null) {
        recordGamesLastHour(check.instanceId(), check.gamesLastHour(), at);
      }
      recorded.add(new RecordedHealthCheck(check.instanceId(), before, streak, idleSince));
    }
    return recorded;
  }

  /**
   * Records whether an instance's GPUs are idle now and returns since when they have been idle
   * without a break: empty when they are busy (or could not be read, which counts as busy).
   */
  Optional<Instant> recordGpuIdle(long instanceId, boolean idle, Instant at);

  /** Since when an instance's GPUs have been idle without a break, as the health sweep recorded. */
  Optional<Instant> gpuIdleSince(long instanceId);

  /** Records the games an instance's probe counted in the last hour. */
  void recordGamesLastHour(long instanceId, int games, Instant at);

  /** The games an instance's probe last counted in an hour, if measured at or after {@code since}. */
  Optional<Integer> gamesLastHour(long instanceId, Instant since);

  /**
   * Records that an instance's set-up began (a provision created it, a restart started it): until
   * {@link #endSetup} it is in {@link #openSetups}. A later set-up of the same instance takes the
   * place of the earlier, ended or not.
   *
   * @param kind {@link OpenSetup#PROVISION} or {@link OpenSetup#RESTART}
   */
  void startSetup(long instanceId, String kind, Instant at);

  /**
   * Ends {@code setup} (the one begun for its instance with its kind at its start, to the
   * millisecond) if it is still in progress, with how it ended ("done", "not running", "overdue");
   * returns whether this call ended it. A later set-up of the same instance is left alone, so a late
   * end of an overrun set-up cannot close the one that took its place. Of two calls (two threads,
   * two processes) one gets true.
   */
  boolean endSetup(OpenSetup setup, String outcome, Instant at);

  /** The set-ups in progress, oldest first. */
  List<OpenSetup> openSetups();

  /**
   * The instances whose latest set-up ended {@link OpenSetup#OVERDUE} and that have not been seen
   * healthy since ({@link #clearOverdueSetup}).
   */
  Set<Long> overdueSetups();

  /**
   * Notes that an instance whose set-up overran is healthy now; true for the one call (of any
   * thread or process) that did, so the overrun's alert is cleared once.
   */
  boolean clearOverdueSetup(long instanceId);

  /** Keeps the latest tick of a loop (replacing the one before). */
  void recordLoopTick(LoopTick tick);

  Optional<LoopTick> lastLoopTick(String loop);
}
