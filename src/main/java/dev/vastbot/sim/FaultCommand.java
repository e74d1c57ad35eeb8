package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Applies one {@code POST /_sim/faults} body to {@link SimFaults}, e.g. {@code
 * {"fault":"rate_limit_storm","requests":5}}, {@code {"fault":"outbid","instance":123}}, {@code
 * {"fault":"server_errors","status":503,"requests":2}}, {@code
 * {"fault":"slow_answers","delay_ms":1500,"requests":1}}, {@code
 * {"fault":"container_exited","instance":123,"msg":"..."}}, {@code
 * {"fault":"deprecated_list_endpoint","enabled":false}}, {@code
 * {"fault":"duplicate_ids","pages":1}}, {@code {"fault":"price_jump","factor":2.5}} or {@code {"fault":"clear"}}. {@code requests} (and {@code
 * pages}) defaults to 1. Unknown faults and missing fields throw {@link IllegalArgumentException}
 * with a message for the 400 answer.
 */
final class FaultCommand {
  static final String KNOWN =
      "rate_limit_storm, server_errors, slow_answers, malformed_json, "
          + "drop_response_after_create, outbid, host_offline, container_exited, report_status, "
          + "oci_failure, loading_forever, loading_forever_for_next_creates, gpu_taken_on_restart, revoke_key, "
          + "deprecated_list_endpoint, duplicate_ids, forbid_charges, price_jump, clear";

  private FaultCommand() {}

  static void apply(SimFaults faults, JsonNode command) {
    String fault = command.path("fault").asText("");
    switch (fault) {
      case "rate_limit_storm" -> faults.rateLimitStorm(requests(command));
      case "server_errors" ->
          faults.serverErrors(command.path("status").asInt(503), requests(command));
      case "slow_answers" ->
          faults.slowAnswers(
              Duration.ofMillis(required(command, "delay_ms").asLong()), requests(command));
      case "malformed_json" -> faults.malformedJson(requests(command));
      case "drop_response_after_create" -> faults.dropResponseAfterCreate(requests(command));
      case "outbid" -> faults.outbid(instance(command));
      case "host_offline" -> faults.hostOffline(instance(command));
      case "container_exited" ->
          faults.containerExited(
              instance(command), command.path("msg").asText("Container exited with code 1"));
      case "report_status" -> faults.reportStatus(instance(command), command.path("status").asText());
      case "oci_failure" -> faults.ociFailure(instance(command));
      case "loading_forever" -> faults.loadingForever(instance(command));
      case "loading_forever_for_next_creates" ->
          faults.loadingForeverForNextCreates(
              command.has("creates") ? command.path("creates").asInt() : requests(command));
      case "gpu_taken_on_restart" -> faults.gpuTakenOnRestart(instance(command));
      case "revoke_key" -> faults.revokeKey();
      case "deprecated_list_endpoint" ->
          faults.deprecatedListEndpoint(required(command, "enabled").asBoolean());
      case "duplicate_ids" ->
          faults.duplicateIds(
              command.has("pages") ? command.path("pages").asInt() : requests(command));
      case "forbid_charges" -> faults.forbidCharges();
      case "price_jump" -> faults.priceJump(required(command, "factor").asDouble());
      case "clear" -> faults.clear();
      default ->
          throw new IllegalArgumentException(
              "unknown fault '" + fault + "'; known faults: " + KNOWN);
    }
  }

  private static int requests(JsonNode command) {
    return command.path("requests").asInt(1);
  }

  private static long instance(JsonNode command) {
    JsonNode instance = required(command, "instance");
    if (!instance.canConvertToLong() && !instance.asText().matches("\\d+")) {
      throw new IllegalArgumentException("'instance' must be an instance id");
    }
    return instance.asLong();
  }

  private static JsonNode required(JsonNode command, String field) {
    JsonNode value = command.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(
          "fault '" + command.path("fault").asText() + "' needs '" + field + "'");
    }
    return value;
  }
}
