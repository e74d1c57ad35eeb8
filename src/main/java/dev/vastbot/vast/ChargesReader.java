package dev.vastbot.vast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import dev.vastbot.fleet.cost.ChargeLine;
import dev.vastbot.fleet.cost.VastCharges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Reads {@code GET /api/v0/charges/} (VAST_API §7.2) for one period, every page: {@code
 * select_filters={"day":{"gte":t0,"lte":t1},"type":{"in":["instance"]}}} in epoch seconds, {@code
 * lte} included, so the period's end (excluded) becomes its last second; {@code limit} at Vast's
 * maximum of 500 and {@code after_token}/{@code next_token}. Each record's {@code source} ({@code
 * "instance-12345678"}) names the instance; its {@code items} give the GPU and disk parts. A record
 * of another type, or whose source names no instance, is skipped.
 */
final class ChargesReader {
  static final String ENDPOINT = "GET /charges/";
  private static final int PAGE_SIZE = 500;
  private static final int MAX_PAGES = 200;
  private static final Pattern INSTANCE_SOURCE = Pattern.compile("instance-(\\d{1,18})");

  private final VastHttp http;
  private final ObjectMapper json;
  private final HttpUrl url;

  ChargesReader(VastHttp http, ObjectMapper json, HttpUrl url) {
    this.http = http;
    this.json = json;
    this.url = url;
  }

  VastCharges read(Instant from, Instant until) {
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("until " + until + " is not after from " + from);
    }
    List<ChargeLine> lines = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode answer = http.send(VastClient.request("GET", ENDPOINT, pageUrl(from, until, token), null));
      for (JsonNode record : VastClient.requireArray(answer, "results", ENDPOINT)) {
        toLine(record).ifPresent(lines::add);
      }
      JsonNode next = answer.get("next_token");
      if (next == null || next.isNull() || next.asText().isEmpty()) {
        return new VastCharges(from, until, lines);
      }
      token = next.asText();
      if (!seenTokens.add(token)) {
        throw new ProviderException(
            Reason.MALFORMED_RESPONSE, 200, "Vast API " + ENDPOINT + ": pagination repeats a token");
      }
    }
    throw new ProviderException(Reason.MALFORMED_RESPONSE, 200,
        "Vast API " + ENDPOINT + ": more than " + MAX_PAGES + " pages; stopped reading");
  }

  private HttpUrl pageUrl(Instant from, Instant until, String afterToken) {
    ObjectNode filters = json.createObjectNode();
    filters.putObject("day").put("gte", from.getEpochSecond()).put("lte", lastSecond(until));
    filters.putObject("type").putArray("in").add("instance");
    HttpUrl.Builder page = url.newBuilder()
        .addQueryParameter("select_filters", filters.toString())
        .addQueryParameter("limit", Integer.toString(PAGE_SIZE));
    if (afterToken != null) {
      page.addQueryParameter("after_token", afterToken);
    }
    return page.build();
  }

  /** The last whole second before {@code until}. */
  private static long lastSecond(Instant until) {
    return until.getNano() == 0 ? until.getEpochSecond() - 1 : until.getEpochSecond();
  }

  private static java.util.Optional<ChargeLine> toLine(JsonNode record) {
    String type = record.path("type").asText("instance");
    Matcher source = INSTANCE_SOURCE.matcher(record.path("source").asText(""));
    if (!type.equals("instance") || !source.matches()) {
      return java.util.Optional.empty();
    }
    JsonNode amount = record.get("amount");
    if (amount == null || !amount.isNumber()) {
      throw new ProviderException(Reason.MALFORMED_RESPONSE, 200,
          "Vast API " + ENDPOINT + ": a charge record has no numeric amount");
    }
    return java.util.Optional.of(new ChargeLine(Long.parseLong(source.group(1)), amount.asDouble(),
        item(record, "gpu"), item(record, "disk")));
  }

  /** The sum of the record's items of one type; empty when it lists none. */
  private static OptionalDouble item(JsonNode record, String type) {
    double sum = 0;
    boolean found = false;
    for (JsonNode item : record.path("items")) {
      if (type.equals(item.path("type").asText()) && item.path("amount").isNumber()) {
        sum += item.path("amount").asDouble();
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
