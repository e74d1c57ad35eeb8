package dev.vastbot.vast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import java.util.Locale;

/** Turns a Vast error answer into a specific {@link ProviderException}. */
final class VastErrors {
  private static final int MAX_DETAIL = 200;

  private VastErrors() {}

  /**
   * Classifies an answer that is not a success: a non-2xx status, or a 2xx whose body says {@code
   * "success": false}.
   *
   * @param body the parsed body, or null when it was not JSON
   * @param rawBody the body text (already redacted)
   * @param key redacted from the decoded strings before they are cut to length, so that a cut
   *     cannot leave part of the key behind
   */
  static ProviderException classify(
      VastRequest request, int status, JsonNode body, String rawBody, ApiKey key) {
    String error = key.redact(text(body, "error"));
    String message =
        key.redact(firstNonBlank(text(body, "msg"), text(body, "message"), text(body, "detail")));
    if (message == null && body == null && rawBody != null && !rawBody.isBlank()) {
      message = key.redact(rawBody.strip());
    }
    Reason reason = reasonFor(status, error, message);
    return new ProviderException(reason, status, describe(request, status, reason, error, message));
  }

  static Reason reasonFor(int status, String error, String message) {
    String errorLower = error == null ? "" : error.toLowerCase(Locale.ROOT);
    String messageLower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if ("auth_error".equals(errorLower) || messageLower.contains("invalid user key")) {
      return status == 403 && !messageLower.contains("login") ? Reason.FORBIDDEN : Reason.INVALID_KEY;
    }
    if (status == 429 || errorLower.contains("rate_limit")) {
      return Reason.RATE_LIMITED;
    }
    if (errorLower.contains("no_such_ask") || messageLower.contains("no_such_ask")) {
      return Reason.OFFER_UNAVAILABLE;
    }
    if ("deprecated_endpoint".equals(errorLower) || status == 410) {
      return Reason.DEPRECATED_ENDPOINT;
    }
    if (errorLower.equals("no_such_instance") || errorLower.equals("not_found")) {
      return Reason.NOT_FOUND;
    }
    if (status == 502 || status == 503 || status == 504) {
      return Reason.UNAVAILABLE;
    }
    if (status == 401) {
      return Reason.INVALID_KEY;
    }
    if (status == 403) {
      return Reason.FORBIDDEN;
    }
    return Reason.REJECTED;
  }

  private static String describe(
      VastRequest request, int status, Reason reason, String error, String message) {
    String what =
        switch (reason) {
          case INVALID_KEY -> "Vast refused the API key; check VAST_API_KEY";
          case FORBIDDEN -> "the API key lacks permission for this call";
          case OFFER_UNAVAILABLE -> "the offer is no longer available";
          case NOT_FOUND -> "no such instance";
          case RATE_LIMITED -> "rate limited by Vast";
          case UNAVAILABLE -> "Vast is unavailable";
          case DEPRECATED_ENDPOINT -> "Vast has retired this endpoint";
          default -> "Vast rejected the request";
        };
    var detail = new StringBuilder("HTTP ").append(status);
    if (error != null) {
      detail.append(' ').append(truncate(error));
    }
    if (message != null) {
      detail.append(": ").append(truncate(message));
    }
    return "Vast API " + request.endpoint() + ": " + what + " (" + detail + ")";
  }

  static String truncate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
  }

  private static String text(JsonNode body, String field) {
    if (body == null || !body.isObject()) {
      return null;
    }
    JsonNode value = body.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
