package dev.vastbot.fleet.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>Immutable and thread-safe. Cost: one regular-expression scan of the text per form family; the
 * run pattern has one alternative per starting place in the secret.
 */
public final class SecretEchoes {
  /** The shortest run of a secret's characters that counts as an echo of it. */
  public static final int MIN_RUN = 16;
  private static final int MIN_BASE64_FORM = 8;

  private final String secret;
  private final Pattern[] units;
  private final Pattern runs;
  private final Pattern base64;

  private SecretEchoes(String secret) {
    this.secret = secret;
    this.units = new Pattern[secret.length()];
    for (int i = 0; i < secret.length(); i++) {
      units[i] = Pattern.compile(unitRegex(secret.charAt(i)));
    }
    this.runs = Pattern.compile(runsRegex(secret));
    this.base64 = base64Forms(secret);
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
    String plain = base64 == null ? text
        : base64.matcher(text).replaceAll(Matcher.quoteReplacement(mask));
    return redactRuns(plain, mask);
  }

  private String redactRuns(String text, String mask) {
    Matcher matcher = runs.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    var out = new StringBuilder(text.length());
    int copied = 0;
    do {
      int end = extend(text, matcher.start(), matcher.end());
      out.append(text, copied, matcher.start()).append(mask);
      copied = end;
    } while (copied < text.length() && matcher.find(copied));
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * Where the run found at {@code [start, end)} really ends: the farthest any place in the secret
   * whose next {@link #MIN_RUN} characters match there goes on matching.
   */
  private int extend(String text, int start, int end) {
    int window = Math.min(MIN_RUN, secret.length());
    int best = end;
    for (int from = 0; from + window <= secret.length(); from++) {
      int at = start;
      int matched = 0;
      for (int next = from; next < secret.length(); next++, matched++) {
        Matcher unit = units[next].matcher(text).region(at, text.length());
        if (!unit.lookingAt()) {
          break;
        }
        at = unit.end();
      }
      if (matched >= window) {
        best = Math.max(best, at);
      }
    }
    return best;
  }

  private static String runsRegex(String secret) {
    int window = Math.min(MIN_RUN, secret.length());
    var alternatives = new ArrayList<String>();
    for (int from = 0; from + window <= secret.length(); from++) {
      var run = new StringBuilder();
      for (int i = from; i < from + window; i++) {
        run.append(unitRegex(secret.charAt(i)));
      }
      alternatives.add(run.toString());
    }
    return String.join("|", alternatives);
  }

  /** One character of the secret: itself, or its UTF-8 bytes percent-encoded (either case). */
  private static String unitRegex(char c) {
    if (Character.isSurrogate(c)) {
      return Pattern.quote(String.valueOf(c));
    }
    var encoded = new StringBuilder();
    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
      encoded.append('%').append(hexDigit((b >> 4) & 0xf)).append(hexDigit(b & 0xf));
    }
    return "(?:" + Pattern.quote(String.valueOf(c)) + "|" + (c == ' ' ? "\\+|" : "") + encoded + ")";
  }

  private static String hexDigit(int value) {
    char upper = Character.toUpperCase(Character.forDigit(value, 16));
    char lower = Character.toLowerCase(upper);
    return upper == lower ? String.valueOf(upper) : "[" + upper + lower + "]";
  }

  private static Pattern base64Forms(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder alphabet : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int offset = 0; offset < 3; offset++) {
        forms.add(base64Core(alphabet.withoutPadding(), bytes, offset));
      }
    }
    List<String> alternatives = forms.stream()
        .filter(form -> form.length() >= MIN_BASE64_FORM)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote)
        .toList();
    return alternatives.isEmpty() ? null : Pattern.compile(String.join("|", alternatives));
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
