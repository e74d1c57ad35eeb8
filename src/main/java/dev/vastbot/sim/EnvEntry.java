package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code extra_env} pair. Create accepts {@code env} as the CLI's dict ({@code {"VAR":"val","-p
 * 8000:8000":"1"}}) or as OpenAPI's docker-flag string ({@code "-e VAR=val -p 8000:8000 -h host"});
 * both become the same pairs (VAST_API §3.2).
 */
record EnvEntry(String key, String value) {

  static List<EnvEntry> fromJson(JsonNode env) {
    if (env == null || env.isNull()) {
      return List.of();
    }
    if (env.isTextual()) {
      return fromDockerFlags(env.asText());
    }
    if (!env.isObject()) {
      throw SimApiException.invalidArgs("env must be an object or a docker-flag string");
    }
    var entries = new ArrayList<EnvEntry>();
    for (Map.Entry<String, JsonNode> field : env.properties()) {
      entries.add(new EnvEntry(field.getKey(), field.getValue().asText()));
    }
    return entries;
  }

  /** Mirrors the CLI's {@code parse_env}: -e/--env pairs, -p/-v/-n flags as {@code "1"}, -h. */
  static List<EnvEntry> fromDockerFlags(String flags) {
    List<String> tokens = tokenize(flags);
    var entries = new ArrayList<EnvEntry>();
    for (int index = 0; index < tokens.size(); index++) {
      String token = tokens.get(index);
      String argument = index + 1 < tokens.size() ? tokens.get(index + 1) : null;
      switch (token) {
        case "-e", "--env" -> {
          if (argument != null && argument.contains("=")) {
            int split = argument.indexOf('=');
            entries.add(new EnvEntry(argument.substring(0, split), argument.substring(split + 1)));
            index++;
          }
        }
        case "-p", "-v", "-n" -> {
          if (argument != null) {
            entries.add(new EnvEntry(token + " " + argument, "1"));
            index++;
          }
        }
        case "-h" -> {
          if (argument != null) {
            entries.add(new EnvEntry("-h", argument));
            index++;
          }
        }
        default -> {
          if (token.contains("=") && !token.startsWith("-")) {
            int split = token.indexOf('=');
            entries.add(new EnvEntry(token.substring(0, split), token.substring(split + 1)));
          }
        }
      }
    }
    return entries;
  }

  private static List<String> tokenize(String flags) {
    var tokens = new ArrayList<String>();
    var current = new StringBuilder();
    char quote = 0;
    for (char character : flags.toCharArray()) {
      if (quote != 0) {
        if (character == quote) {
          quote = 0;
        } else {
          current.append(character);
        }
      } else if (character == '"' || character == '\'') {
        quote = character;
      } else if (Character.isWhitespace(character)) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(character);
      }
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }
}
