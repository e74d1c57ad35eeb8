package dev.vastbot.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Names the kind of a YAML value for messages, without showing the value itself. */
final class YamlKind {
  private YamlKind() {}

  static String of(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "true/false";
    }
    if (value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    return "text";
  }
}
