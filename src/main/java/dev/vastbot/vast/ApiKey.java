package dev.vastbot.vast;

import dev.vastbot.fleet.text.SecretEchoes;
import java.util.Objects;

/** The Vast API key. Its {@code toString} never shows the key, so it cannot leak into a log. */
public final class ApiKey {
  static final String REDACTED = "<redacted>";

  private final String value;
  private final SecretEchoes echoes;

  private ApiKey(String value) {
    this.value = value;
    this.echoes = SecretEchoes.of(value);
  }

  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "api key");
    if (value.isBlank()) {
      throw new IllegalArgumentException("the Vast API key is empty (set VAST_API_KEY)");
    }
    return new ApiKey(value.strip());
  }

  String bearerHeader() {
    return "Bearer " + value;
  }

  /**
   * Removes the key from a text that might echo it (an error body, an exception message), in every
   * form {@link SecretEchoes} finds: as sent, any run of 16 or more of its characters (a cut or
   * partly quoted key), percent-encoded in any way, and base64-encoded. Text decoded from JSON
   * escapes must be passed in decoded.
   */
  String redact(String text) {
    return echoes.redact(text, REDACTED);
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
