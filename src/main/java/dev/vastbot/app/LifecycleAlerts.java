package dev.vastbot.app;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertSink;
import dev.vastbot.fleet.FleetStore;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Operation;
import dev.vastbot.fleet.termination.Terminator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Alerts for instances lost from one list to the next: outbid, exited, or gone from the account
 * without a termination of ours; each clears when the instance runs again. Compared list to list,
 * so a restart of the bot starts afresh (the alert threads themselves are kept in the store).
 */
final class LifecycleAlerts {
  private final AlertSink alerts;
  private final FleetStore store;
  private Map<Long, Instance> last;

  LifecycleAlerts(AlertSink alerts, FleetStore store) {
    this.alerts = alerts;
    this.store = store;
  }

  synchronized void observe(List<Instance> now) {
    Map<Long, Instance> current = new HashMap<>();
    now.forEach(i -> current.put(i.id(), i));
    if (last != null) {
      Set<String> terminated = store.recentOperations(200).stream()
          .filter(o -> o.kind().equals(Terminator.KIND)).map(Operation::target).collect(Collectors.toSet());
      last.forEach((id, before) -> compare(before, current.get(id), terminated));
    }
    last = current;
  }

  private void compare(Instance before, Instance after, Set<String> terminated) {
    String incident = "lifecycle:" + before.id();
    if (after == null) {
      if (!terminated.contains(before.nodeName())) {
        alerts.alert(new Alert(Alert.Severity.CRITICAL, incident, before.nodeName()
            + " is gone from the account (not a termination of vastbot's); its data was not synced by vastbot"));
      }
      return;
    }
    boolean wasRunning = before.state() == InstanceState.RUNNING;
    boolean held = store.openOperations(dev.vastbot.fleet.work.Keepalive.HOLD).stream()
        .anyMatch(o -> o.target().equals(after.nodeName()));
    if (wasRunning && after.state() != InstanceState.RUNNING && !held) {
      String what = after.outbid() ? "was outbid (stopped)" : after.state() == InstanceState.EXITED ? "exited"
          : "is " + after.displayStatus();
      alerts.alert(new Alert(Alert.Severity.WARNING, incident, after.nodeName() + " " + what));
    } else if (!wasRunning && after.state() == InstanceState.RUNNING) {
      alerts.resolved(incident, after.nodeName() + " runs again");
    }
  }
}
