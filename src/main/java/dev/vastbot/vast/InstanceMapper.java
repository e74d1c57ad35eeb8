package dev.vastbot.vast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vastbot.fleet.HostPort;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import java.time.Instant;

/** Reads Vast's instance JSON (VAST_API §4.5) into {@link Instance}. */
final class InstanceMapper {
  private static final double HOURS_PER_STORAGE_MONTH = 720;

  private InstanceMapper() {}

  static Instance toInstance(JsonNode node) {
    if (node == null || !node.isObject() || !node.path("id").canConvertToLong()) {
      throw new ProviderException(
          Reason.MALFORMED_RESPONSE, 200, "Vast API: an instance without a numeric id");
    }
    String rawStatus = textOrNull(node, "actual_status");
    double diskGb = node.path("disk_space").asDouble(0);
    return new Instance(
        node.get("id").asLong(),
        textOrNull(node, "label"),
        textOrNull(node, "gpu_name"),
        node.path("num_gpus").asInt(0),
        InstanceState.fromVast(rawStatus),
        rawStatus,
        textOrNull(node, "intended_status"),
        textOrNull(node, "cur_state"),
        textOrNull(node, "next_state"),
        textOrNull(node, "status_msg"),
        node.path("dph_total").asDouble(0),
        storageDph(node, diskGb),
        diskGb,
        node.path("is_bid").asBoolean(false),
        directSsh(node),
        proxySsh(node),
        startedAt(node));
  }

  private static double storageDph(JsonNode node, double diskGb) {
    if (node.hasNonNull("storage_total_cost")) {
      return node.get("storage_total_cost").asDouble();
    }
    return node.path("storage_cost").asDouble(0) * diskGb / HOURS_PER_STORAGE_MONTH;
  }

  /** {@code public_ipaddr} + {@code ports["22/tcp"][0].HostPort} (a string), when both exist. */
  private static HostPort directSsh(JsonNode node) {
    String ip = textOrNull(node, "public_ipaddr");
    JsonNode mapping = node.path("ports").path("22/tcp").path(0).path("HostPort");
    if (ip == null || mapping.isMissingNode() || mapping.isNull()) {
      return null;
    }
    return hostPort(ip, mapping.asText());
  }

  /** {@code ssh_host:ssh_port}, +1 for jupyter runtypes (vast-cli #79). */
  private static HostPort proxySsh(JsonNode node) {
    String host = textOrNull(node, "ssh_host");
    if (host == null || !node.path("ssh_port").canConvertToInt()) {
      return null;
    }
    int port = node.get("ssh_port").asInt();
    String runtype = node.path("image_runtype").asText("");
    return hostPort(host, Integer.toString(runtype.contains("jupyter") ? port + 1 : port));
  }

  private static HostPort hostPort(String host, String port) {
    try {
      int number = Integer.parseInt(port.strip());
      return number > 0 && number <= 65535 ? new HostPort(host, number) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant startedAt(JsonNode node) {
    JsonNode start = node.get("start_date");
    if (start == null || !start.isNumber()) {
      return null;
    }
    return Instant.ofEpochMilli((long) (start.asDouble() * 1000));
  }

  static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }
}
