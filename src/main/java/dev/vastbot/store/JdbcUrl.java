package dev.vastbot.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL that may carry a password ({@code password=...} parameters or {@code user:pass@}).
 * {@link #toString()} is redacted, so echoing one in a message or log line never leaks a secret;
 * {@link #value()} is for the driver only.
 */
public record JdbcUrl(String value) {
  private static final String MASK = "***";
  /**
   * Both drivers split the query (after the first {@code ?}) on {@code &} only: pgjdbc's {@code
   * Driver.parseURL} and sqlite-jdbc's {@code extractPragmasFromFilename}. So a value runs to the
   * next {@code &} or the end; {@code ;}, {@code #}, {@code ?} and {@code =} inside it are part of it.
   */
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)([^&]*)");
  /** The authority ends at the first {@code /} after {@code //}; the password at its last {@code @}. */
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:]*:)([^/]*)(@)");
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  public JdbcUrl {
    Objects.requireNonNull(value, "value");
  }

  /** True when this URL is for the given driver, e.g. {@code hasScheme("sqlite")}. */
  boolean hasScheme(String scheme) {
    return value.startsWith("jdbc:" + scheme + ":");
  }

  /** The URL with every password value replaced by {@code ***}. */
  String redacted() {
    String masked = PASSWORD_PARAM.matcher(value).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    return USER_INFO_PASSWORD.matcher(masked)
        .replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
  }

  /** Removes this URL's passwords (raw and URL-decoded) from a text, e.g. a driver's message. */
  String scrub(String text) {
    if (text == null) {
      return "";
    }
    String scrubbed = text.replace(value, redacted());
    for (String secret : passwords()) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return scrubbed;
  }

  /**
   * The database file of a {@code jdbc:sqlite:} URL; empty for in-memory databases, {@code file:}
   * URIs and other drivers.
   */
  Optional<Path> sqliteFile() {
    if (!hasScheme("sqlite")) {
      return Optional.empty();
    }
    String location = value.substring(SQLITE_PREFIX.length());
    int query = location.indexOf('?');
    if (query >= 0) {
      location = location.substring(0, query);
    }
    if (location.isEmpty() || location.startsWith(":") || location.startsWith("file:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(location));
  }

  @Override
  public String toString() {
    return redacted();
  }

  /** The passwords this URL carries, each as written and URL-decoded; for redaction only. */
  public List<String> passwords() {
    List<String> secrets = new ArrayList<>();
    for (Pattern pattern : List.of(PASSWORD_PARAM, USER_INFO_PASSWORD)) {
      Matcher matcher = pattern.matcher(value);
      while (matcher.find()) {
        String secret = matcher.group(2);
        if (!secret.isEmpty()) {
          secrets.add(secret);
          decoded(secret).ifPresent(secrets::add);
        }
      }
    }
    return secrets;
  }

  private static Optional<String> decoded(String secret) {
    try {
      return Optional.of(URLDecoder.decode(secret, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformedEscape) {
      return Optional.empty();
    }
  }
}
