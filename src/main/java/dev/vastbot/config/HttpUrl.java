package dev.vastbot.config;

import java.net.URI;
import java.net.URISyntaxException;

/** The rule for URLs in config: absolute {@code http} or {@code https} with a host. */
final class HttpUrl {
  private HttpUrl() {}

  static boolean isValid(String text) {
    try {
      var uri = new URI(text);
      var scheme = uri.getScheme();
      return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          && uri.getHost() != null;
    } catch (URISyntaxException notAUri) {
      return false;
    }
  }
}
