package dev.vastbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in the text values of a YAML tree, as a
 * shell would: the default is used when the variable is unset or empty. A value that contained a
 * reference is re-typed after expansion: empty becomes "not set" (so the key takes its default),
 * digits become a number. Messages never contain an expanded value.
 */
final class EnvReferences {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> env;

  EnvReferences(Map<String, String> env) {
    this.env = env;
  }

  /**
   * A copy of {@code node} with every reference expanded.
   *
   * @param location {@code <file>: <key path>} of {@code node}, for messages
   */
  JsonNode expand(JsonNode node, String location) {
    if (node.isObject()) {
      var copy = JsonNodeFactory.instance.objectNode();
      for (var entry : node.properties()) {
        copy.set(entry.getKey(), expand(entry.getValue(), location + "." + entry.getKey()));
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(expand(node.get(i), location + "[" + i + "]"));
      }
      return copy;
    }
    if (node.isTextual() && node.textValue().contains("${")) {
      return retype(expandText(node.textValue(), location));
    }
    return node;
  }

  private String expandText(String text, String location) {
    var expanded = new StringBuilder();
    var matcher = REFERENCE.matcher(text);
    var position = 0;
    while (matcher.find()) {
      rejectStrayReference(text.substring(position, matcher.start()), location);
      expanded.append(text, position, matcher.start()).append(valueOf(matcher, location));
      position = matcher.end();
    }
    rejectStrayReference(text.substring(position), location);
    return expanded.append(text.substring(position)).toString();
  }

  private String valueOf(Matcher reference, String location) {
    var name = reference.group(1);
    var value = env.get(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (reference.group(2) != null) {
      return reference.group(2);
    }
    throw new ConfigException(
        String.format(
            "%s: environment variable %s is not set (write ${%s:-} to allow it to be empty)",
            location, name, name));
  }

  private static void rejectStrayReference(String literal, String location) {
    if (literal.contains("${")) {
      throw new ConfigException(
          location + ": malformed variable reference; write ${NAME} or ${NAME:-default}");
    }
  }

  private static JsonNode retype(String expanded) {
    if (expanded.isEmpty()) {
      return NullNode.getInstance();
    }
    if (expanded.matches("-?[0-9]{1,18}")) {
      return LongNode.valueOf(Long.parseLong(expanded));
    }
    if (expanded.matches("-?[0-9]+\\.[0-9]+")) {
      return DoubleNode.valueOf(Double.parseDouble(expanded));
    }
    return TextNode.valueOf(expanded);
  }
}
