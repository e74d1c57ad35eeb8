package dev.vastbot.vast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class VastErrorsTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ApiKey key = ApiKey.of("test-key-0123456789");
  private final VastRequest request =
      new VastRequest("GET", "GET /api/v1/instances/", HttpUrl.get("http://127.0.0.1/x"), null);

  private ProviderException classify(int status, String body) throws Exception {
    return VastErrors.classify(request, status, json.readTree(body), body, key);
  }

  @Test
  void badKey_on404_isInvalidKey() throws Exception {
    var e = classify(404, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}");
    assertEquals(Reason.INVALID_KEY, e.reason());
    assertEquals(
        "Vast API GET /api/v1/instances/: Vast refused the API key; check VAST_API_KEY"
            + " (HTTP 404 auth_error: Invalid user key)",
        e.getMessage());
  }

  @Test
  void deprecatedEndpoint_on410() throws Exception {
    var e = classify(410, "{\"success\":false,\"error\":\"deprecated_endpoint\","
        + "\"msg\":\"/api/v0/instances/ is deprecated. Use /api/v1/instances/ instead.\"}");
    assertEquals(Reason.DEPRECATED_ENDPOINT, e.reason());
  }

  @Test
  void offerGone_on404And410() throws Exception {
    assertEquals(Reason.OFFER_UNAVAILABLE, classify(404, "{\"success\":false,\"error\":\"invalid_args\","
        + "\"msg\":\"error 404/3603: no_such_ask Instance type by id 1 is not available.\"}").reason());
    assertEquals(Reason.OFFER_UNAVAILABLE, classify(410, "{\"success\":false,\"error\":\"no_such_ask\","
        + "\"msg\":\"error 410/3907: no_such_ask Instance type 1 is no longer available.\"}").reason());
  }

  @Test
  void rateLimit_plainTextOrJson() throws Exception {
    assertEquals(Reason.RATE_LIMITED,
        VastErrors.classify(request, 429, null, "API requests too frequent", key).reason());
    var e = classify(429, "{\"detail\":\"API requests too frequent endpoint threshold=1.0\"}");
    assertEquals(Reason.RATE_LIMITED, e.reason());
    assertTrue(e.getMessage().contains("threshold=1.0"), e.getMessage());
  }

  @Test
  void missingLogin_on403_isInvalidKey_butScopeIsForbidden() throws Exception {
    assertEquals(Reason.INVALID_KEY, classify(403,
        "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"This action requires login.\"}").reason());
    assertEquals(Reason.FORBIDDEN, classify(403,
        "{\"success\":false,\"error\":\"not_authorized\",\"msg\":\"scope\"}").reason());
  }

  @Test
  void longMessages_areTruncatedToOneLine() throws Exception {
    var e = classify(400, "{\"error\":\"invalid_args\",\"msg\":\"" + "x\\n".repeat(500) + "\"}");
    assertEquals(Reason.REJECTED, e.reason());
    assertTrue(e.getMessage().length() < 320, e.getMessage());
    assertTrue(e.getMessage().lines().count() == 1);
  }

  @Test
  void longErrorCodes_areTruncatedToo() throws Exception {
    var e = classify(400, "{\"error\":\"" + "e".repeat(100_000) + "\",\"msg\":\"m\"}");
    assertTrue(e.getMessage().length() < 320, e.getMessage());
  }

  @Test
  void keyInTheDecodedMessage_isRedactedBeforeTheCut() throws Exception {
    String escapedKey = "test-key-0123456789".chars()
        .mapToObj(c -> String.format("\\u%04x", c))
        .reduce("", String::concat);
    var e = classify(
        400, "{\"error\":\"invalid_args\",\"msg\":\"" + "x".repeat(195) + escapedKey + "\"}");
    assertFalse(e.getMessage().contains("test-k"), e.getMessage());
  }
}
