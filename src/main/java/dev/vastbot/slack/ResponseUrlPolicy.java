package dev.vastbot.slack;

import dev.vastbot.fleet.text.SafeText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@code response_url}s the bot posts answers to: Slack's own, {@code https://hooks.slack.com/…}
 * (scheme https, host exactly {@code hooks.slack.com}, no user info, the default port), and, only
 * when {@code slack.allow_loopback_response_url} is set (tests, a local stand-in for Slack), a
 * literal 127.0.0.0/8 address over http or https. A payload's response_url is the payload's to
 * choose, so without this a crafted one (or a Socket Mode payload) could make the bot post command
 * output anywhere. An ignored URL is logged without the URL. Immutable; thread-safe.
 */
final class ResponseUrlPolicy {
  private static final Logger log = LoggerFactory.getLogger(ResponseUrlPolicy.class);
  private static final String SLACK_HOOKS = "hooks.slack.com";
  private static final Pattern LOOPBACK = Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
      + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){2}");
  private final boolean allowLoopback;

  ResponseUrlPolicy(boolean allowLoopback) {
    this.allowLoopback = allowLoopback;
  }

  /** Whether {@code url} may be posted to; when not, logs that it was ignored, for {@code purpose}. */
  boolean allows(String url, String purpose) {
    if (permits(url)) {
      return true;
    }
    log.warn("ignored a response_url that is not https://hooks.slack.com/…"
        + (allowLoopback ? " or a 127.0.0.0/8 address" : "") + "; " + SafeText.forTerminalCell(purpose, 80)
        + " not sent");
    return false;
  }

  /** Whether {@code url} may be posted to. */
  boolean permits(String url) {
    if (url == null) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException unparsable) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawUserInfo() != null) {
      return false;
    }
    if (scheme.equals("https") && host.equals(SLACK_HOOKS) && (uri.getPort() == -1 || uri.getPort() == 443)) {
      return true;
    }
    return allowLoopback && (scheme.equals("http") || scheme.equals("https")) && LOOPBACK.matcher(host).matches();
  }
}
