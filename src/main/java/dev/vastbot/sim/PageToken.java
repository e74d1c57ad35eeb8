package dev.vastbot.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque keyset cursor of {@code GET /api/v1/instances/}: base64 of {@code {"values": {<sort
 * columns>..., "id": <last id>}}}, like Vast's.
 */
final class PageToken {
  private PageToken() {}

  static String encode(ObjectMapper json, JsonNode lastRow, RowOrder order) {
    ObjectNode values = json.createObjectNode();
    order.columns().forEach(column -> values.set(column.field(), lastRow.get(column.field())));
    values.put("id", lastRow.path("id").asLong());
    ObjectNode token = json.createObjectNode();
    token.set("values", values);
    return Base64.getEncoder().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The row of sort values the token points after; 400 {@code invalid_token} if unreadable. */
  static JsonNode decode(ObjectMapper json, String token) {
    try {
      byte[] raw = Base64.getDecoder().decode(token.trim());
      JsonNode values = json.readTree(new String(raw, StandardCharsets.UTF_8)).path("values");
      if (!values.isObject() || !values.path("id").canConvertToLong()) {
        throw invalid();
      }
      return values;
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw invalid();
    }
  }

  private static SimApiException invalid() {
    return SimApiException.invalidRequest("invalid_token", "Invalid after_token");
  }
}
