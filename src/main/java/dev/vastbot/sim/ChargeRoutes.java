package dev.vastbot.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /api/v0/charges/} (VAST_API §7.2): one record per instance that was charged in the
 * {@code day} window of {@code select_filters} (epoch seconds, {@code gte} and {@code lte} both
 * included, so the window ends one second after {@code lte}), from what {@link Billing} actually
 * charged, with {@code gpu} and {@code disk} items. Paged by instance id: {@code limit} (default
 * 100, at most 500) and an opaque {@code after_token}/{@code next_token}. Without both {@code day}
 * bounds it answers 400 with Vast's message.
 */
final class ChargeRoutes {
  static final String MISSING_DAY = "Must provide both 'day' gte and lte filters for instance charges";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;

  private final SimMarketplace marketplace;
  private final ObjectMapper json;

  ChargeRoutes(SimMarketplace marketplace, ObjectMapper json) {
    this.marketplace = marketplace;
    this.json = json;
  }

  void register(Router router) {
    router.add("GET", "/charges/", this::charges);
  }

  private SimResponse charges(Router.Call call) {
    if (marketplace.faults().chargesForbidden()) {
      throw SimApiException.of(403, "auth_error", "This API key does not have billing_read permission.");
    }
    var query = call.request().query();
    JsonNode filters = filters(query.get("select_filters"));
    JsonNode day = filters.path("day");
    if (!day.path("gte").isNumber() || !day.path("lte").isNumber()) {
      throw SimApiException.invalidArgs(MISSING_DAY);
    }
    Instant from = Instant.ofEpochSecond(day.path("gte").asLong());
    Instant until = Instant.ofEpochSecond(day.path("lte").asLong() + 1);
    List<ChargeBook.Charge> all = wantsInstances(filters) && until.isAfter(from)
        ? marketplace.charges(from, until).stream().filter(c -> c.amount() > 0).toList() : List.of();
    long after = query.containsKey("after_token") ? decode(query.get("after_token")) : Long.MIN_VALUE;
    List<ChargeBook.Charge> remaining = all.stream().filter(c -> c.instanceId() > after).toList();
    List<ChargeBook.Charge> page = remaining.subList(0, Math.min(limit(query.get("limit")), remaining.size()));
    ObjectNode answer = json.createObjectNode();
    answer.put("success", true);
    answer.put("count", page.size());
    answer.put("total", all.size());
    if (remaining.size() > page.size()) {
      answer.put("next_token", encode(page.get(page.size() - 1).instanceId()));
    } else {
      answer.putNull("next_token");
    }
    var results = answer.putArray("results");
    page.forEach(charge -> results.add(render(charge)));
    return SimResponse.ok(answer);
  }

  private ObjectNode render(ChargeBook.Charge charge) {
    ObjectNode record = json.createObjectNode();
    record.put("start", charge.start().getEpochSecond());
    record.put("end", charge.end().getEpochSecond());
    record.put("type", "instance");
    record.put("source", "instance-" + charge.instanceId());
    record.put("description", "Instance " + charge.instanceId() + " Charges");
    record.put("amount", charge.amount());
    ObjectNode metadata = record.putObject("metadata");
    metadata.putNull("template_id");
    if (charge.label() == null) {
      metadata.putNull("label");
    } else {
      metadata.put("label", charge.label());
    }
    var items = record.putArray("items");
    items.addObject().put("type", "gpu").put("description", "GPU rental").put("amount", charge.gpu());
    items.addObject().put("type", "disk").put("description", "Storage").put("amount", charge.disk());
    return record;
  }

  private JsonNode filters(String text) {
    if (text == null || text.isBlank()) {
      return json.createObjectNode();
    }
    try {
      JsonNode parsed = json.readTree(text);
      if (parsed == null || !parsed.isObject()) {
        throw SimApiException.invalidArgs("select_filters must be a JSON object");
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw SimApiException.invalidArgs("select_filters is not valid JSON");
    }
  }

  private static boolean wantsInstances(JsonNode filters) {
    JsonNode in = filters.path("type").path("in");
    if (!in.isArray()) {
      return true;
    }
    for (JsonNode type : in) {
      if (type.asText().equals("instance")) {
        return true;
      }
    }
    return false;
  }

  private static int limit(String text) {
    try {
      int limit = text == null ? DEFAULT_LIMIT : Integer.parseInt(text.trim());
      return limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    } catch (NumberFormatException e) {
      throw SimApiException.invalidArgs("limit must be a number");
    }
  }

  private String encode(long lastId) {
    String token = json.createObjectNode().put("after_id", lastId).toString();
    return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  private long decode(String token) {
    try {
      JsonNode values = json.readTree(new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8));
      if (values == null || !values.path("after_id").canConvertToLong()) {
        throw invalidToken();
      }
      return values.path("after_id").asLong();
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw invalidToken();
    }
  }

  private static SimApiException invalidToken() {
    return SimApiException.invalidRequest("invalid_token", "Invalid after_token");
  }
}
