package dev.vastbot.service.loop;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.fleet.port.OperationJournal;
import dev.vastbot.service.termination.Terminator;
import dev.vastbot.service.work.Keepalive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Alerts for instances lost from one list to the next: outbid, exited, or gone from the account
 * without a termination of ours; each clears when the instance runs again. Compared list to list,
 * so a restart of the bot starts afresh (the alert threads themselves are kept in the store).
 *
 * <p>Called from the health loop's one thread; {@link #observe} is synchronized all the same.
 */
public final class LifecycleAlerts {
  private final AlertSink alerts;
  private final OperationJournal store;
  private final java.time.Clock clock;
  private Map<Long, Instance> last;
  private static final String SOURCE = "fleet listing";

  public LifecycleAlerts(AlertSink alerts, OperationJournal store, java.time.Clock clock) {
    this.alerts = alerts;
    this.store = store;
    this.clock = clock;
  }

  /** Compares {@code now} with the last list and publishes what was lost or came back. */
  public synchronized void observe(List<Instance> now) {
    Map<Long, Instance> current = new HashMap<>();
    now.forEach(i -> current.put(i.id(), i));
    if (last != null) {
      Set<String> terminated = store.recentOperations(200).stream()
          .filter(o -> o.kind().equals(Terminator.KIND)).map(Operation::target).collect(Collectors.toSet());
      var events = new java.util.ArrayList<AlertEvent>();
      last.forEach((id, before) -> compare(before, current.get(id), terminated, events));
      if (!events.isEmpty()) {
        alerts.publish(new AlertBatch(SOURCE, java.time.Instant.now(clock), events));
      }
    }
    last = current;
  }

  private void compare(Instance before, Instance after, Set<String> terminated, List<AlertEvent> events) {
    String incident = "lifecycle:" + before.id();
    if (after == null) {
      if (!terminated.contains(before.nodeName())) {
        events.add(new AlertEvent.Raised(new Alert(Alert.Severity.CRITICAL, incident, before.nodeName()
            + " is gone from the account (not a termination of vastbot's); its data was not synced by vastbot"),
            before.nodeName(), "gone from the account"));
      }
      return;
    }
    boolean wasRunning = before.state() == InstanceState.RUNNING;
    boolean held = store.openOperations(Keepalive.HOLD).stream()
        .anyMatch(o -> o.target().equals(after.nodeName()));
    if (wasRunning && after.state() != InstanceState.RUNNING && !held) {
      String what = after.outbid() ? "was outbid (stopped)" : after.state() == InstanceState.EXITED ? "exited"
          : "is " + after.displayStatus();
      events.add(new AlertEvent.Raised(new Alert(Alert.Severity.WARNING, incident, after.nodeName() + " " + what),
          after.nodeName(), after.outbid() ? "outbid" : "stopped"));
    } else if (!wasRunning && after.state() == InstanceState.RUNNING) {
      events.add(new AlertEvent.Cleared(incident, after.nodeName(), after.nodeName() + " runs again"));
    }
  }
}
