package dev.vastbot.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * The {@code vast_alerts} section of {@code config/notification_hooks.yaml}, loaded by {@link
 * ConfigLoader#loadNotificationHooks}. Other top-level sections of that file (RingRift's
 * rollback-monitor hooks) are left to their owners and ignored here.
 *
 * <p>Neither this record nor its parts print a webhook in {@code toString()}.
 */
public record NotificationHooks(
    InstanceUnhealthyAlert instanceUnhealthy, CostWarningAlert costWarning) {
  private static final String SECTION = "vast_alerts";

  public NotificationHooks {
    requireNonNull(instanceUnhealthy, "instanceUnhealthy == null");
    requireNonNull(costWarning, "costWarning == null");
  }

  /** No alerts at all, as when the file is missing. */
  public static NotificationHooks disabled() {
    return new NotificationHooks(InstanceUnhealthyAlert.off(), CostWarningAlert.off());
  }

  /** Whether at least one alert has a webhook. */
  public boolean anyEnabled() {
    return instanceUnhealthy.enabled() || costWarning.enabled();
  }

  static NotificationHooks read(String file, JsonNode root, Map<String, String> env) {
    if (root.isMissingNode()) {
      return disabled();
    }
    if (!root.isObject()) {
      throw new ConfigException(
          file + ": expected a mapping of keys at the top level, got " + YamlKind.of(root));
    }
    rejectNearMisses(file, root);
    var owned = JsonNodeFactory.instance.objectNode();
    if (root.has(SECTION)) {
      owned.set(SECTION, new EnvReferences(env).expand(root.get(SECTION), file + ": " + SECTION));
    }
    var alerts = ConfigSection.root(file, owned, env, false).section(SECTION);
    var hooks =
        new NotificationHooks(
            InstanceUnhealthyAlert.read(alerts.section("instance_unhealthy")),
            CostWarningAlert.read(alerts.section("cost_warning")));
    alerts.rejectUnknownKeys();
    return hooks;
  }

  /** The {@code webhook} key: empty (off) or an http(s) URL, never shown in messages. */
  static String readWebhook(ConfigSection alert) {
    return alert
        .text("webhook", "")
        .concealed()
        .require(url -> url.isEmpty() || HttpUrl.isValid(url), "must be an http(s) URL")
        .value();
  }

  private static void rejectNearMisses(String file, JsonNode root) {
    for (var entry : root.properties()) {
      var key = entry.getKey();
      if (!key.equals(SECTION)
          && KeySuggestion.closestTo(key, java.util.List.of(SECTION)).isPresent()) {
        throw new ConfigException(
            file + ": unknown key '" + key + "'; did you mean '" + SECTION + "'?");
      }
    }
  }
}
