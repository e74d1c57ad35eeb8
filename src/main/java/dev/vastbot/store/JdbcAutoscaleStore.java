package dev.vastbot.store;

import dev.vastbot.fleet.Replacement;
import dev.vastbot.fleet.autoscale.DemandReading;
import dev.vastbot.fleet.autoscale.PoolMember;
import dev.vastbot.fleet.port.AutoscaleStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AutoscaleStore} on the store's database: autoscaler groups, scale marks, demand
 * readings, replacements and the warm pool.
 *
 * <p>Thread-safe; each method is one transaction on the database's connections (see {@link
 * StoreDatabase}). Failures surface as {@link dev.vastbot.fleet.StoreException} saying what
 * could not be done.
 */
public final class JdbcAutoscaleStore implements AutoscaleStore {
  private final SerializedConnection connection;
  private final SerializedConnection reads;
  private final AutoscaleTables autoscale = new AutoscaleTables();
  private final DemandTable demand = new DemandTable();

  /** The part on {@code database}, which whoever opened it closes: the part holds nothing of its own. */
  public JdbcAutoscaleStore(StoreDatabase database) {
    this.connection = database.writes();
    this.reads = database.reads();
  }

  @Override
  public String assignAutoscaleGroup(long instanceId, String group, Instant at) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(at, "at");
    return connection.inTransaction("record the autoscaler group of instance " + instanceId,
        c -> autoscale.assignGroup(c, instanceId, group, at));
  }

  @Override
  public Map<Long, String> autoscaleGroups() {
    return connection.inTransaction("read the autoscaler groups", autoscale::groups);
  }

  @Override
  public void markScale(String group, String kind, Instant at) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    connection.inTransaction("record a scale-" + kind, c -> {
      autoscale.mark(c, group, kind, at);
      return null;
    });
  }

  @Override
  public Optional<Instant> lastScale(String group, String kind) {
    return connection.inTransaction("read the last scale-" + kind, c -> autoscale.lastMark(c, group, kind));
  }

  @Override
  public void recordDemand(String group, DemandReading reading, Instant keepSince) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(keepSince, "keepSince");
    connection.inTransaction("record a demand reading", c -> {
      demand.record(c, group, reading, keepSince);
      return null;
    });
  }

  @Override
  public List<DemandReading> demandReadings(String group) {
    return connection.inTransaction("read the demand readings", c -> demand.readings(c, group));
  }

  @Override
  public void startReplacement(Replacement replacement) {
    Objects.requireNonNull(replacement, "replacement");
    connection.inTransaction("record that vast-" + replacement.newId() + " replaces vast-" + replacement.oldId(),
        c -> {
          autoscale.startReplacement(c, replacement);
          return null;
        });
  }

  @Override
  public boolean recordReplacementLetGo(long oldId, Replacement.Stage stage, long operation) {
    Objects.requireNonNull(stage, "stage");
    if (stage == Replacement.Stage.TRIAL) {
      throw new IllegalArgumentException("a let-go is recorded as OLD_LEAVING or NEW_LEAVING, not TRIAL");
    }
    return connection.inTransaction("record that the replacement of vast-" + oldId + " lets an instance go",
        c -> autoscale.recordLetGo(c, oldId, stage, operation));
  }

  @Override
  public List<Replacement> replacements() {
    return connection.inTransaction("read the replacements under way", autoscale::replacements);
  }

  @Override
  public void endReplacement(long instanceId) {
    connection.inTransaction("end the replacements of vast-" + instanceId, c -> {
      autoscale.endReplacement(c, instanceId);
      return null;
    });
  }

  @Override
  public void addPoolMember(PoolMember member) {
    Objects.requireNonNull(member, "member");
    connection.inTransaction("keep vast-" + member.instanceId() + " in the warm pool of " + member.group(), c -> {
      autoscale.addPoolMember(c, member);
      return null;
    });
  }

  @Override
  public List<PoolMember> poolMembers() {
    // never behind a writer: /vast list reads it
    return reads.inTransaction("read the warm pools", autoscale::poolMembers);
  }

  @Override
  public boolean removePoolMember(long instanceId) {
    return connection.inTransaction("take vast-" + instanceId + " out of its warm pool",
        c -> autoscale.removePoolMember(c, instanceId));
  }
}
