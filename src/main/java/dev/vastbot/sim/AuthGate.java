package dev.vastbot.sim;

/**
 * Checks the caller's key like Vast does (VAST_API §1.2, §10 #10): {@code Authorization: Bearer} or
 * {@code ?api_key=}; missing → 403, unknown → 404 (not 401!), revoked → 401. Stateless.
 */
final class AuthGate {
  private static final String BEARER = "bearer ";

  private final SimMarketplace marketplace;

  AuthGate(SimMarketplace marketplace) {
    this.marketplace = marketplace;
  }

  /** Returns the presented key when it is valid, else throws the matching auth error. */
  String authenticate(SimRequest request) {
    String key = presentedKey(request);
    if (key == null || key.isBlank()) {
      throw SimApiException.of(403, "auth_error", "This action requires login.");
    }
    if (!key.equals(marketplace.apiKey())) {
      throw SimApiException.of(404, "auth_error", "Invalid user key");
    }
    if (marketplace.faults().keyRevoked()) {
      throw SimApiException.of(401, "auth_error", "Invalid user key");
    }
    return key;
  }

  private static String presentedKey(SimRequest request) {
    String header = request.authorization();
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).trim();
    }
    return request.query().get("api_key");
  }
}
