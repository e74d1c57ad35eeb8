package dev.vastbot.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as the sim sees it.
 *
 * @param path the decoded path, e.g. {@code /api/v0/instances/123/}
 * @param query decoded query parameters (the last wins when repeated)
 * @param authorization the {@code Authorization} header, or null
 */
record SimRequest(
    String method, String path, Map<String, String> query, String authorization, String body) {

  SimRequest {
    query = Map.copyOf(query);
    body = body == null ? "" : body;
  }

  /** Parses a raw query string the way {@code quote_plus} encoded it. */
  static Map<String, String> parseQuery(String rawQuery) {
    var params = new LinkedHashMap<String, String>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int split = pair.indexOf('=');
      String key = split < 0 ? pair : pair.substring(0, split);
      String value = split < 0 ? "" : pair.substring(split + 1);
      params.put(decode(key), decode(value));
    }
    return params;
  }

  /** The JSON body; an empty body is {@code {}}; anything but an object is a 400. */
  JsonNode jsonBody(ObjectMapper json) {
    if (body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      JsonNode parsed = json.readTree(body);
      if (parsed == null || !parsed.isObject()) {
        throw invalidBody();
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw invalidBody();
    }
  }

  private static SimApiException invalidBody() {
    return SimApiException.invalidRequest("invalid_request", "Invalid json body");
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
