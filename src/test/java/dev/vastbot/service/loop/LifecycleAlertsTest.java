package dev.vastbot.service.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.port.AlertSink;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleAlertsTest {
  private final List<String> told = new ArrayList<>();
  private final AlertSink sink = new AlertSink() {
    @Override
    public void alert(Alert alert) {
      told.add(alert.incident() + " " + alert.text());
    }

    @Override
    public void resolved(String incident, String text) {
      told.add(incident + " resolved: " + text);
    }
  };
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(1, "RTX 4090")
      .withReachableInstance(2, "RTX 4090");
  private final LifecycleAlerts alerts = new LifecycleAlerts(sink, new InMemoryFleetStore(), java.time.Clock.systemUTC());

  @Test
  void anInstanceThatStopsRunningOrVanishes_isAlerted_andRunningAgainResolvesIt() {
    alerts.observe(vast.listInstances());
    vast.setState(1, InstanceState.EXITED);
    vast.forget(2);
    alerts.observe(vast.listInstances());
    assertEquals(2, told.size(), told.toString());
    assertTrue(told.get(0).startsWith("lifecycle:1 vast-1 exited"), told.toString());
    assertTrue(told.get(1).startsWith("lifecycle:2 vast-2 is gone from the account"), told.toString());
    vast.setState(1, InstanceState.RUNNING);
    alerts.observe(vast.listInstances());
    assertEquals("lifecycle:1 resolved: vast-1 runs again", told.get(2));
  }
}
