package dev.vastbot.vast;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Vast API key. Its {@code toString} never shows the key, so it cannot leak into a log. */
public final class ApiKey {
  static final String REDACTED = "<redacted>";
  /** Shorter encoded forms are skipped: they would blank out ordinary words, not a secret. */
  private static final int MIN_ENCODED_FORM = 8;

  private final String value;
  private final Pattern echoes;

  private ApiKey(String value) {
    this.value = value;
    this.echoes = echoesOf(value);
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
   * Removes the key from a text that might echo it (an error body, an exception message): as sent,
   * URL-encoded (either case of hex digits), and base64-encoded (standard or URL alphabet, also
   * inside a longer base64 text). Text decoded from JSON escapes must be passed in decoded.
   */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    return echoes.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
  }

  private static Pattern echoesOf(String value) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    forms.add(urlEncoded);
    forms.add(lowerCaseHex(urlEncoded));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder alphabet : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int offset = 0; offset < 3; offset++) {
        forms.add(base64Core(alphabet.withoutPadding(), bytes, offset));
      }
    }
    List<String> alternatives = new ArrayList<>();
    forms.stream()
        .filter(form -> form.equals(value) || form.length() >= MIN_ENCODED_FORM)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .forEach(form -> alternatives.add(Pattern.quote(form)));
    return Pattern.compile(String.join("|", alternatives));
  }

  /**
   * The characters that encode {@code bytes} wherever they sit in a longer base64 text, when
   * {@code offset} bytes of their 3-byte group come before them: the leading and trailing
   * characters that also carry bits of the neighbours are dropped.
   */
  private static String base64Core(Base64.Encoder encoder, byte[] bytes, int offset) {
    byte[] shifted = new byte[offset + bytes.length];
    System.arraycopy(bytes, 0, shifted, offset, bytes.length);
    String encoded = encoder.encodeToString(shifted);
    int head = offset == 0 ? 0 : offset + 1;
    int tail = shifted.length % 3 == 0 ? 0 : 1;
    return head >= encoded.length() - tail ? "" : encoded.substring(head, encoded.length() - tail);
  }

  private static String lowerCaseHex(String urlEncoded) {
    return Pattern.compile("%[0-9A-F]{2}")
        .matcher(urlEncoded)
        .replaceAll(escape -> escape.group().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
