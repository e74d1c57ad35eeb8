package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An API-level failure that becomes a JSON error answer, shaped like Vast's ({@code
 * {"success":false,"error":...,"msg":...}}, VAST_API §1.3).
 */
final class SimApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ObjectNode body;

  SimApiException(int status, ObjectNode body) {
    super(body.path("msg").asText(body.toString()));
    this.status = status;
    this.body = body;
  }

  /** {@code {"success":false,"error":error,"msg":msg}} with the given HTTP status. */
  static SimApiException of(int status, String error, String msg) {
    var body = JsonNodeFactory.instance.objectNode();
    body.put("success", false);
    body.put("error", error);
    body.put("msg", msg);
    return new SimApiException(status, body);
  }

  static SimApiException invalidArgs(String msg) {
    return of(400, "invalid_args", msg);
  }

  /** Vast's list endpoints omit {@code success}: {@code {"error":...,"msg":...}}. */
  static SimApiException invalidRequest(String error, String msg) {
    var body = JsonNodeFactory.instance.objectNode();
    body.put("error", error);
    body.put("msg", msg);
    return new SimApiException(400, body);
  }

  static SimApiException noSuchInstance() {
    return of(404, "no_such_instance", "Instance with that ID does not exist.");
  }

  int status() {
    return status;
  }

  ObjectNode body() {
    return body;
  }
}
