package dev.vastbot.fleet.autoscale;

import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Replacement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Reads the store's replacement rows as one tick sees them, from the fleet as listed and the open
 * terminations: which row is over (the instance it lets go is gone), and where each other one of
 * a group stands ({@link PendingReplacement.Status}). A let-go that ended without destroying its
 * instance shows as the instance being a member again while its row still says it leaves: it is
 * held. Pure, given {@code passedSince}, which reads recorded health checks.
 */
public final class ReplacementRows {
  private final Map<Long, Instance> byId;
  private final Set<String> leaving;
  private final Instant listedAt;
  private final BiPredicate<Long, Instant> passedSince;

  /**
   * @param byId the fleet as listed at {@code listedAt}
   * @param leaving the targets ({@code vast-<id>}) of the open terminations
   * @param passedSince whether an instance passed a recorded health check since a moment
   */
  public ReplacementRows(Map<Long, Instance> byId, Set<String> leaving, Instant listedAt,
      BiPredicate<Long, Instant> passedSince) {
    this.byId = byId;
    this.leaving = leaving;
    this.listedAt = listedAt;
    this.passedSince = passedSince;
  }

  /**
   * Whether {@code row} is over and its row may go: on trial, when its old instance is gone or
   * being terminated by someone (nothing left to replace); leaving, when the instance it lets go is
   * gone.
   */
  public boolean over(Replacement row) {
    return switch (row.stage()) {
      case TRIAL -> !byId.containsKey(row.oldId()) || isLeaving(row.oldId());
      case OLD_LEAVING, NEW_LEAVING -> !byId.containsKey(row.leavingId());
    };
  }

  /** The rows of {@code group} not over, as statuses; {@code members} are the group's listed ids not leaving. */
  public List<PendingReplacement> pending(String group, List<Replacement> rows, Set<Long> members) {
    var pending = new ArrayList<PendingReplacement>();
    for (Replacement row : rows) {
      if (!row.group().equals(group) || over(row)) {
        continue;
      }
      statusOf(row, members).ifPresent(status ->
          pending.add(new PendingReplacement(row.oldId(), row.newId(), row.since(), status)));
    }
    return pending;
  }

  private Optional<PendingReplacement.Status> statusOf(Replacement row, Set<Long> members) {
    return switch (row.stage()) {
      case TRIAL -> members.contains(row.oldId()) ? Optional.of(trialStatus(row))
          : Optional.empty();
      // a member again: its termination ended without destroying it; else it is leaving now
      case OLD_LEAVING -> members.contains(row.oldId()) ? Optional.of(PendingReplacement.Status.OLD_HELD)
          : Optional.empty();
      case NEW_LEAVING -> Optional.of(isLeaving(row.newId()) ? PendingReplacement.Status.NEW_LEAVING
          : PendingReplacement.Status.NEW_HELD);
    };
  }

  private PendingReplacement.Status trialStatus(Replacement row) {
    Instance fresh = byId.get(row.newId());
    boolean lost = fresh == null ? !listedAt.isBefore(row.since()) : isLeaving(row.newId());
    if (lost) {
      return PendingReplacement.Status.LOST;
    }
    return fresh != null && passedSince.test(row.newId(), row.since()) ? PendingReplacement.Status.PASSED
        : PendingReplacement.Status.WAITING; // not passed yet, or rented after the list was taken
  }

  private boolean isLeaving(long id) {
    return leaving.contains("vast-" + id);
  }
}
