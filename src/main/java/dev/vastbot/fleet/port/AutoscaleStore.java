package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.PoolMember;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the autoscaler keeps between ticks: each instance's group, when each group last scaled up
 * or down, its demand readings, the replacements under way, and the warm pool of stopped instances
 * kept for a quick restart.
 *
 * <p>Thread-safe; each method is one transaction. Failures surface as {@link
 * dev.vastbot.fleet.StoreException}; a null argument as {@link NullPointerException}.
 */
public interface AutoscaleStore {

  /**
   * Gives an instance its autoscaler group unless it has one; returns the group it has now (the
   * first one given stays, also across replicas).
   */
  String assignAutoscaleGroup(long instanceId, String group, Instant at);

  /** Every instance's autoscaler group, destroyed instances included, by instance id. */
  Map<Long, String> autoscaleGroups();

  /** Records that {@code group} scaled {@code kind} ("up" or "down") at {@code at}. */
  void markScale(String group, String kind, Instant at);

  /** When {@code group} last scaled {@code kind}, if ever. */
  Optional<Instant> lastScale(String group, String kind);

  /**
   * Records a reading of {@code group}'s demand signal (a second reading at the same moment takes
   * the first one's place) and drops the group's readings from before {@code keepSince}.
   */
  void recordDemand(String group, DemandReading reading, Instant keepSince);

  /** {@code group}'s demand readings kept, oldest first. */
  List<DemandReading> demandReadings(String group);

  /**
   * Records a replacement under way; one per old instance (a later one for the same old instance
   * takes the place of the earlier).
   */
  void startReplacement(Replacement replacement);

  /**
   * Records that the replacement of {@code oldId} lets an instance go ({@link
   * Replacement.Stage#OLD_LEAVING}: the old one; {@link Replacement.Stage#NEW_LEAVING}: the new one)
   * by termination {@code operation}; the row stays until {@link #endReplacement}. Returns false
   * (and records nothing) when no replacement of {@code oldId} is under way.
   *
   * @throws IllegalArgumentException for {@link Replacement.Stage#TRIAL}
   */
  boolean recordReplacementLetGo(long oldId, Replacement.Stage stage, long operation);

  /** The replacements under way, oldest first. */
  List<Replacement> replacements();

  /** Ends the replacements that {@code instanceId} is the old or the new instance of. */
  void endReplacement(long instanceId);

  /** Keeps a stopped instance in its group's warm pool (a later row for it takes the earlier's place). */
  void addPoolMember(PoolMember member);

  /** Every warm pool member of every group, longest stopped first. */
  List<PoolMember> poolMembers();

  /** Takes an instance out of its warm pool (restarted or destroyed); returns whether it was in one. */
  boolean removePoolMember(long instanceId);
}
