package dev.vastbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationHooksTest {
  private static final String SECRET_URL = "https://hooks.slack.com/services/T0/B0/s3cr3t";

  @TempDir Path configDir;

  @Test
  void disablesAllAlertsWhenTheFileIsMissing() {
    var hooks = ConfigLoader.loadNotificationHooks(configDir, Map.of());

    assertEquals(NotificationHooks.disabled(), hooks);
    assertFalse(hooks.anyEnabled());
    assertEquals(3, hooks.instanceUnhealthy().threshold());
    assertEquals(40.0, hooks.costWarning().dailyThreshold());
  }

  @Test
  void expandsEnvironmentReferences() throws IOException {
    write(
        """
        vast_alerts:
          instance_unhealthy:
            webhook: ${ALERT_WEBHOOK}
            threshold: ${UNHEALTHY_THRESHOLD:-5}
          cost_warning:
            webhook: "https://${HOOK_HOST:-hooks.example.com}/cost/${COST_TOKEN}"
            daily_threshold: 25.5
        """);
    var env = Map.of("ALERT_WEBHOOK", SECRET_URL, "COST_TOKEN", "abc");

    var hooks = ConfigLoader.loadNotificationHooks(configDir, env);

    assertEquals(new InstanceUnhealthyAlert(SECRET_URL, 5), hooks.instanceUnhealthy());
    assertEquals(
        new CostWarningAlert("https://hooks.example.com/cost/abc", 25.5), hooks.costWarning());
    assertTrue(hooks.anyEnabled());
  }

  @Test
  void usesTheDefaultWhenTheVariableIsSetButEmpty() throws IOException {
    write("vast_alerts:\n  cost_warning:\n    webhook: ${HOOK:-https://fallback.example/x}\n");

    var hooks = ConfigLoader.loadNotificationHooks(configDir, Map.of("HOOK", ""));

    assertEquals("https://fallback.example/x", hooks.costWarning().webhook());
  }

  @Test
  void anEmptyExpansionLeavesTheAlertOff() throws IOException {
    write("vast_alerts:\n  instance_unhealthy:\n    webhook: ${NOPE:-}\n    threshold: ${T:-}\n");

    var hooks = ConfigLoader.loadNotificationHooks(configDir, Map.of());

    assertEquals(InstanceUnhealthyAlert.off(), hooks.instanceUnhealthy());
    assertFalse(hooks.anyEnabled());
  }

  @Test
  void namesFileKeyAndVariableWhenAReferenceIsUnset() throws IOException {
    var file = write("vast_alerts:\n  cost_warning:\n    webhook: ${COST_WEBHOOK}\n");

    var message = loadFails(Map.of());

    assertEquals(
        file
            + ": vast_alerts.cost_warning.webhook: environment variable COST_WEBHOOK is not set"
            + " (write ${COST_WEBHOOK:-} to allow it to be empty)",
        message);
  }

  @Test
  void rejectsMalformedReferences() throws IOException {
    var file = write("vast_alerts:\n  cost_warning:\n    webhook: ${BROKEN\n");

    assertEquals(
        file
            + ": vast_alerts.cost_warning.webhook: malformed variable reference;"
            + " write ${NAME} or ${NAME:-default}",
        loadFails(Map.of()));
  }

  @Test
  void neverPrintsTheWebhook() throws IOException {
    write(
        "vast_alerts:\n"
            + "  instance_unhealthy: {webhook: '${W}'}\n"
            + "  cost_warning: {webhook: '${W}'}\n");

    var hooks = ConfigLoader.loadNotificationHooks(configDir, Map.of("W", SECRET_URL));

    assertFalse(hooks.toString().contains("s3cr3t"), hooks.toString());
    assertTrue(hooks.toString().contains("webhook=<set>"), hooks.toString());
    assertTrue(NotificationHooks.disabled().toString().contains("webhook=<unset>"));
  }

  @Test
  void keepsExpandedValuesOutOfErrorMessages() throws IOException {
    var file = write("vast_alerts:\n  instance_unhealthy: {webhook: '${W}'}\n");

    var badUrl = loadFails(Map.of("W", "ftp://s3cr3t"));
    assertEquals(file + ": vast_alerts.instance_unhealthy.webhook: must be an http(s) URL", badUrl);

    write("vast_alerts:\n  instance_unhealthy: {threshold: '${T}'}\n");
    var badNumber = loadFails(Map.of("T", "s3cr3t"));
    assertEquals(
        file + ": vast_alerts.instance_unhealthy.threshold: expected a whole number, got text",
        badNumber);

    write("vast_alerts:\n  instance_unhealthy: {threshold: '${T}'}\n");
    assertEquals(
        file + ": vast_alerts.instance_unhealthy.threshold: must be at least 1",
        loadFails(Map.of("T", "-77")));
  }

  @Test
  void validatesThresholds() throws IOException {
    var file = write("vast_alerts:\n  instance_unhealthy: {threshold: 0}\n");
    assertEquals(
        file + ": vast_alerts.instance_unhealthy.threshold: must be at least 1",
        loadFails(Map.of()));

    write("vast_alerts:\n  cost_warning: {daily_threshold: -1}\n");
    assertEquals(
        file + ": vast_alerts.cost_warning.daily_threshold: must be greater than 0",
        loadFails(Map.of()));
  }

  @Test
  void rejectsUnknownKeysWithASuggestion() throws IOException {
    var file = write("vast_alerts:\n  cost_warning: {webhok: x}\n");
    assertEquals(
        file + ": vast_alerts.cost_warning: unknown key 'webhok'; did you mean 'webhook'?",
        loadFails(Map.of()));

    write("vast_alert:\n  cost_warning: {}\n");
    assertEquals(
        file + ": unknown key 'vast_alert'; did you mean 'vast_alerts'?", loadFails(Map.of()));
  }

  @Test
  void ignoresOtherToolsSections() throws IOException {
    write(
        """
        version: '1.0'
        slack: {enabled: true, webhook_url: "${RINGRIFT_ONLY}"}
        vast_alerts:
          instance_unhealthy: {threshold: 4}
        """);

    var hooks = ConfigLoader.loadNotificationHooks(configDir, Map.of());

    assertEquals(new InstanceUnhealthyAlert("", 4), hooks.instanceUnhealthy());
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(configDir.resolve("notification_hooks.yaml"), yaml);
  }

  private String loadFails(Map<String, String> env) {
    var failure =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.loadNotificationHooks(configDir, env));
    var message = failure.getMessage();
    assertFalse(message.contains("\n") || message.contains("\r"), message);
    assertFalse(message.contains("s3cr3t"), message);
    return message;
  }
}
