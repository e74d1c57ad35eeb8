package dev.vastbot.cli;

import dev.vastbot.fleet.text.SecretEchoes;
import dev.vastbot.store.JdbcUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets no log line may show, removed by {@link SafeLineLayout} from every line whoever
 * logs it: the values of the secret environment variables (in every form {@link SecretEchoes}
 * finds: whole, 16+ character runs, percent-encoded, base64), the password of {@code VASTBOT_DB},
 * and anything shaped like a Slack token ({@code xoxb-…}, {@code xapp-…}), known or not.
 *
 * <p>A value shorter than {@value #MIN_SECRET_CHARS} characters is not scrubbed from every line:
 * it would blank out ordinary words (the places that handle it mask it themselves, as {@code
 * JdbcUrl} does). Immutable and thread-safe; the cost is one scan of the line per secret.
 */
final class LogSecrets {
  static final String MASK = "<redacted>";
  static final int MIN_SECRET_CHARS = 8;
  static final List<String> SECRET_VARIABLES =
      List.of("VAST_API_KEY", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET");
  private static final String DATABASE_VARIABLE = "VASTBOT_DB";
  private static final Pattern SLACK_TOKEN = Pattern.compile("\\bx(?:ox[a-z]|app)-[0-9A-Za-z-]{8,}");

  private final List<SecretEchoes> echoes;

  private LogSecrets(List<SecretEchoes> echoes) {
    this.echoes = List.copyOf(echoes);
  }

  /** Only token-shaped text is removed. */
  static LogSecrets none() {
    return new LogSecrets(List.of());
  }

  /** The secrets of this process's environment ({@code VAST_API_KEY}, Slack's, the database's). */
  static LogSecrets fromEnvironment(Map<String, String> env) {
    List<String> values = new ArrayList<>();
    SECRET_VARIABLES.forEach(name -> values.add(env.get(name)));
    String database = env.get(DATABASE_VARIABLE);
    if (database != null) {
      values.addAll(new JdbcUrl(database).passwords());
    }
    return of(values);
  }

  /** These values (nulls and values too short to scrub safely are skipped). */
  static LogSecrets of(List<String> values) {
    List<SecretEchoes> echoes = new ArrayList<>();
    for (String value : values) {
      String secret = value == null ? "" : value.strip();
      if (secret.length() >= MIN_SECRET_CHARS) {
        echoes.add(SecretEchoes.of(secret));
      }
    }
    return new LogSecrets(echoes);
  }

  /** {@code line} with every secret in it replaced by {@value #MASK}. */
  String redact(String line) {
    String redacted = line;
    for (SecretEchoes secret : echoes) {
      redacted = secret.redact(redacted, MASK);
    }
    if (redacted.indexOf("xox") < 0 && redacted.indexOf("xapp-") < 0) {
      return redacted;
    }
    return SLACK_TOKEN.matcher(redacted).replaceAll(Matcher.quoteReplacement(MASK));
  }

  @Override
  public String toString() {
    return "LogSecrets[" + echoes.size() + " redacted]";
  }
}
