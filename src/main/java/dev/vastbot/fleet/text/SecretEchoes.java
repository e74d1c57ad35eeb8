package dev.vastbot.fleet.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Finds and removes the echoes of one secret (an API key, a token, a password) in a text: the
 * secret as it is, any run of {@value #MIN_RUN} or more of its characters in a row (a cut or
 * partly quoted key), each of them also in any percent-encoded form (every byte {@code %61}, only
 * the reserved ones {@code %2B}, hex digits in either case, {@code +} for a space), and its
 * base64 (standard or URL alphabet, also inside a longer base64 text).
 *
 * <p>A secret shorter than {@value #MIN_RUN} characters is found only whole; its base64 forms only
 * when they are at least 8 characters long, so that short ones do not blank out ordinary words.
 *
 * <p>Immutable and thread-safe. Cost: one scan of the text, trying at each place the starting
 * places in the secret (most fail at the first character), and one {@code indexOf} per base64 form.
 */
public final class SecretEchoes {
  /** The shortest run of a secret's characters that counts as an echo of it. */
  public static final int MIN_RUN = 16;
  private static final int MIN_BASE64_FORM = 8;

  private final String secret;
  private final int window;
  private final List<String> base64;
  /** For each ASCII character, the places a run may start with it as written. */
  private final int[][] startsByChar = new int[128][];
  private final int[] everyStart;

  private SecretEchoes(String secret) {
    this.secret = secret;
    this.window = Math.min(MIN_RUN, secret.length());
    this.base64 = base64Forms(secret);
    this.everyStart = IntStream.rangeClosed(0, secret.length() - window).toArray();
    for (char c = 0; c < 128; c++) {
      char character = c;
      startsByChar[c] = Arrays.stream(everyStart)
          .filter(from -> secret.charAt(from) == character || (character == '+' && secret.charAt(from) == ' '))
          .toArray();
    }
  }

  /**
   * The echoes of {@code secret}.
   *
   * @throws IllegalArgumentException when the secret is empty
   */
  public static SecretEchoes of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("an empty secret has no echoes to find");
    }
    return new SecretEchoes(secret);
  }

  /** {@code text} with every echo replaced by {@code mask}; null stays null. */
  public String redact(String text, String mask) {
    if (text == null) {
      return null;
    }
    String plain = text;
    for (String form : base64) {
      if (plain.contains(form)) {
        plain = plain.replace(form, mask);
      }
    }
    return redactRuns(plain, mask);
  }

  /** Scans once: at each place, the longest run of the secret that starts there, if any. */
  private String redactRuns(String text, String mask) {
    StringBuilder out = null;
    int copied = 0;
    int at = 0;
    while (at < text.length()) {
      int end = longestRunFrom(text, at);
      if (end < 0) {
        at++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, at).append(mask);
      copied = end;
      at = end;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** The end of the longest run of at least {@code window} characters of the secret at {@code at}; -1 if none. */
  private int longestRunFrom(String text, int at) {
    int best = -1;
    char first = text.charAt(at);
    int[] starts = first == '%' || first >= 128 ? everyStart : startsByChar[first];
    for (int from : starts) {
      int position = at;
      int matched = 0;
      while (from + matched < secret.length() && position < text.length()) {
        int next = matchOne(text, position, secret.charAt(from + matched));
        if (next < 0) {
          break;
        }
        position = next;
        matched++;
      }
      if (matched >= window && position > best) {
        best = position;
      }
    }
    return best;
  }

  /**
   * Where the text goes on after one character {@code c} of the secret written at {@code at}: as
   * itself, {@code +} for a space, or percent-encoded (its UTF-8 bytes, hex in either case); -1
   * when it is not there.
   */
  private static int matchOne(String text, int at, char c) {
    char found = text.charAt(at);
    if (found == c || (c == ' ' && found == '+')) {
      return at + 1;
    }
    if (found != '%' || Character.isSurrogate(c)) {
      return -1;
    }
    int position = at;
    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
      if (position + 2 >= text.length() || text.charAt(position) != '%'
          || Character.digit(text.charAt(position + 1), 16) != ((b >> 4) & 0xf)
          || Character.digit(text.charAt(position + 2), 16) != (b & 0xf)) {
        return -1;
      }
      position += 3;
    }
    return position;
  }

  private static List<String> base64Forms(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder alphabet : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int offset = 0; offset < 3; offset++) {
        forms.add(base64Core(alphabet.withoutPadding(), bytes, offset));
      }
    }
    return forms.stream()
        .filter(form -> form.length() >= MIN_BASE64_FORM)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
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

  @Override
  public String toString() {
    return "SecretEchoes[redacted]";
  }
}
