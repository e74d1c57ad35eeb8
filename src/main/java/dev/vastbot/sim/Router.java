package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code METHOD path} to handlers. Templates such as {@code /asks/{id}/} live under {@code
 * /api/v0}; templates starting with {@code /api/} are absolute. A trailing slash is optional on
 * requests. Registration is not thread-safe; matching is, once built.
 */
final class Router {

  /** Handles one matched API call. */
  @FunctionalInterface
  interface Handler {
    SimResponse handle(Call call);
  }

  /** A matched call: the request, the numeric {@code {id}} (or -1) and the JSON body. */
  record Call(SimRequest request, long id, JsonNode body) {}

  /**
   * A registered route.
   *
   * @param key the rate-limit key, {@code "METHOD template"}, e.g. {@code "PUT /asks/{id}/"}
   */
  record Route(String method, String key, Pattern pattern, Handler handler) {}

  /** The outcome of matching: the route and its id, or only whether the path exists at all. */
  record Match(Optional<Route> route, long id, boolean pathKnown) {}

  private final List<Route> routes = new ArrayList<>();

  void add(String method, String template, Handler handler) {
    String path = template.startsWith("/api/") ? template : "/api/v0" + template;
    String regex = Pattern.quote(path).replace("{id}", "\\E(\\d+)\\Q");
    routes.add(new Route(method, method + " " + template, Pattern.compile(regex), handler));
  }

  Match match(String method, String path) {
    String normalized = path.endsWith("/") ? path : path + "/";
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(normalized);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        long id = matcher.groupCount() > 0 ? parseId(matcher.group(1)) : -1;
        return new Match(Optional.of(route), id, true);
      }
    }
    return new Match(Optional.empty(), -1, pathKnown);
  }

  private static long parseId(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
