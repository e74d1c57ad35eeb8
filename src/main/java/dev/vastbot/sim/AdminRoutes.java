package dev.vastbot.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The sim's own surface under {@code /_sim} (no auth, loopback only, untouched by faults): {@code
 * POST /_sim/faults}, {@code GET /_sim/state} and the {@code result_url}s of logs, {@code GET
 * /_sim/logs/<token>} (404 on the first fetch, then 200 with the text).
 */
final class AdminRoutes {
  static final String PREFIX = "/_sim/";
  private static final String LOGS = PREFIX + "logs/";
  private static final String NOT_YET =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<Error><Code>NoSuchKey</Code><Message>The specified key does not"
          + " exist.</Message></Error>";

  private final SimMarketplace marketplace;
  private final ObjectMapper json;

  AdminRoutes(SimMarketplace marketplace, ObjectMapper json) {
    this.marketplace = marketplace;
    this.json = json;
  }

  SimResponse handle(SimRequest request) {
    String path = request.path();
    if (path.equals(PREFIX + "faults") && request.method().equals("POST")) {
      return applyFault(request);
    }
    if (path.equals(PREFIX + "state") && request.method().equals("GET")) {
      return SimResponse.ok(marketplace.stateJson());
    }
    if (path.startsWith(LOGS) && request.method().equals("GET")) {
      return fetchLog(path.substring(LOGS.length()));
    }
    return SimResponse.json(
        404,
        json.createObjectNode()
            .put("ok", false)
            .put("error", "unknown sim endpoint " + request.method() + " " + path));
  }

  private SimResponse applyFault(SimRequest request) {
    try {
      FaultCommand.apply(marketplace.faults(), request.jsonBody(json));
      return SimResponse.ok(json.createObjectNode().put("ok", true));
    } catch (IllegalArgumentException e) {
      return SimResponse.json(
          400, json.createObjectNode().put("ok", false).put("error", e.getMessage()));
    } catch (SimApiException e) {
      return SimResponse.json(
          400,
          json.createObjectNode()
              .put("ok", false)
              .put("error", "body must be a JSON object like {\"fault\":\"clear\"}"));
    }
  }

  private SimResponse fetchLog(String token) {
    Optional<LogStore.Fetch> fetch = marketplace.fetchLog(token);
    if (fetch.isEmpty() || !fetch.get().ready()) {
      return new SimResponse(404, "application/xml", NOT_YET);
    }
    return SimResponse.text(200, fetch.get().text());
  }
}
