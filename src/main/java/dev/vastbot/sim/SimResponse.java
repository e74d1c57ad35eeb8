package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;

/** One HTTP answer: status, content type and body text. */
record SimResponse(int status, String contentType, String body) {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  static SimResponse json(int status, JsonNode body) {
    return new SimResponse(status, JSON, body.toString());
  }

  static SimResponse ok(JsonNode body) {
    return json(200, body);
  }

  static SimResponse text(int status, String body) {
    return new SimResponse(status, TEXT, body);
  }

  static SimResponse error(SimApiException error) {
    return json(error.status(), error.body());
  }
}
