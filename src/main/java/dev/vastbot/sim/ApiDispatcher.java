package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Answers one request: {@code /_sim} goes to {@link AdminRoutes}; API requests pass, in order,
 * forced faults (rate-limit storm, server errors), routing (404 {@code not_found}), auth, the rate
 * limiter, body parsing and the handler; then the answer faults (dropped create, malformed JSON,
 * slow answer) apply. Thread-safe.
 */
final class ApiDispatcher {
  private static final String CREATE_ROUTE = "PUT /asks/{id}/";

  private final SimMarketplace marketplace;
  private final ObjectMapper json;
  private final Router router = new Router();
  private final AuthGate auth;
  private final RateLimiter rateLimiter;
  private final AdminRoutes admin;

  ApiDispatcher(SimMarketplace marketplace, ObjectMapper json, String origin) {
    this.marketplace = marketplace;
    this.json = json;
    this.auth = new AuthGate(marketplace);
    this.rateLimiter = new RateLimiter(marketplace.clock(), marketplace.settings());
    this.admin = new AdminRoutes(marketplace, json);
    new OfferRoutes(marketplace, json).register(router);
    new InstanceRoutes(marketplace, json).register(router);
    new AccountRoutes(marketplace, json, origin).register(router);
    new ChargeRoutes(marketplace, json).register(router);
  }

  SimResponse dispatch(SimRequest request) throws InterruptedException {
    if (request.path().startsWith(AdminRoutes.PREFIX)) {
      return admin.handle(request);
    }
    SimFaults faults = marketplace.faults();
    Router.Match match = router.match(request.method(), request.path());
    String routeKey = match.route().map(Router.Route::key).orElse("");
    SimResponse response;
    OptionalInt serverError = OptionalInt.empty();
    if (faults.takeRateLimitStorm()) {
      response = rateLimiter.storm(routeKey);
    } else if ((serverError = faults.takeServerError()).isPresent()) {
      response = GatewayAnswers.serverError(serverError.getAsInt());
    } else {
      response = answer(request, match);
      if (routeKey.equals(CREATE_ROUTE) && faults.takeDroppedCreate()) {
        response = GatewayAnswers.serverError(504);
      } else if (faults.takeMalformedJson()) {
        response = GatewayAnswers.truncated(response);
      }
    }
    Optional<Duration> delay = faults.takeSlowAnswer();
    if (delay.isPresent()) {
      Thread.sleep(delay.get().toMillis());
    }
    return response;
  }

  private SimResponse answer(SimRequest request, Router.Match match) {
    try {
      if (match.route().isEmpty()) {
        throw notRouted(request, match.pathKnown());
      }
      Router.Route route = match.route().get();
      String key = auth.authenticate(request);
      Optional<SimResponse> limited = rateLimiter.admit(key, route.key());
      if (limited.isPresent()) {
        return limited.get();
      }
      JsonNode body =
          request.method().equals("GET") ? json.createObjectNode() : request.jsonBody(json);
      return route.handler().handle(new Router.Call(request, match.id(), body));
    } catch (SimApiException e) {
      return SimResponse.error(e);
    }
  }

  private static SimApiException notRouted(SimRequest request, boolean pathKnown) {
    String what = request.method() + " " + request.path();
    return pathKnown
        ? SimApiException.of(405, "method_not_allowed", "Method not allowed: " + what)
        : SimApiException.of(404, "not_found", "No such endpoint: " + what);
  }
}
