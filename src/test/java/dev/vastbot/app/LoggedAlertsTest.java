package dev.vastbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.alert.AlertBatch;
import dev.vastbot.fleet.alert.AlertEvent;
import dev.vastbot.testing.CapturedLogs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggedAlertsTest {
  private final LoggedAlerts alerts = new LoggedAlerts();

  @Test
  void anInfoAlertIsInfo_anyOtherIsWarn_aResolutionIsInfo() {
    try (var logs = CapturedLogs.everything()) {
      alerts.alert(new Alert(Alert.Severity.INFO, "scale:1", "scaled up by 1"));
      alerts.alert(new Alert(Alert.Severity.CRITICAL, "unhealthy:7", "vast-7 failed 3 checks"));
      alerts.resolved("unhealthy:7", "vast-7 is healthy again");

      assertEquals(List.of(
          "dev.vastbot.alerts INFO [scale:1] scaled up by 1",
          "dev.vastbot.alerts WARN [unhealthy:7] vast-7 failed 3 checks",
          "dev.vastbot.alerts INFO [unhealthy:7] resolved: vast-7 is healthy again"), ours(logs));
    }
  }

  @Test
  void aBatch_isEachEventOnItsOwn() {
    try (var logs = CapturedLogs.everything()) {
      alerts.publish(new AlertBatch("health sweep", Instant.EPOCH, List.of(
          new AlertEvent.Raised(new Alert(Alert.Severity.WARNING, "unhealthy:8", "vast-8 is slow"), "vast-8", "slow"),
          new AlertEvent.Cleared("unhealthy:9", "vast-9", "vast-9 is healthy again"))));

      assertEquals(List.of(
          "dev.vastbot.alerts WARN [unhealthy:8] vast-8 is slow",
          "dev.vastbot.alerts INFO [unhealthy:9] resolved: vast-9 is healthy again"), ours(logs));
    }
  }

  private static List<String> ours(CapturedLogs logs) {
    return logs.lines().stream().filter(line -> line.startsWith(LoggedAlerts.LOGGER + " ")).toList();
  }
}
