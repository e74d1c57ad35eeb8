package dev.vastbot.vast;

import java.util.Objects;

/** The Vast API key. Its {@code toString} never shows the key, so it cannot leak into a log. */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
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

  /** Removes the key from a text that might echo it (an error body, an exception message). */
  String redact(String text) {
    return text == null ? null : text.replace(value, "<redacted>");
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
