package dev.vastbot.slack;

import dev.vastbot.fleet.text.SafeText;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Text that is ready for a Slack text object: outside text escaped exactly once ({@code &}, {@code
 * <}, {@code >} as entities, control and bidi characters made visible by {@link
 * SafeText#forSlack}), plus the only markup the bot writes on purpose, a mention of a Slack user
 * id. The type is the mark: a text object is made only from an {@code EscapedText} ({@link
 * TextObjects}), and nothing escapes an {@code EscapedText} again, so text is never escaped twice
 * ("&amp;amp;lt;") nor left raw. Immutable and thread-safe.
 */
public final class EscapedText {
  /** A Slack user id, the only thing the bot mentions. */
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
  static final EscapedText EMPTY = new EscapedText("");
  private final String text;

  private EscapedText(String text) {
    this.text = text;
  }

  /**
   * Outside text (a host line, a reason, an error from Vast, a command line), escaped once; a lone
   * surrogate (half an emoji, from a cut upstream) becomes U+FFFD, as JSON cannot carry it; null is "".
   */
  public static EscapedText of(String raw) {
    return new EscapedText(SafeText.forSlack(wholeCharacters(raw)));
  }

  /** One line of outside text (line breaks shown as {@code \n}), escaped and cut to {@code maxChars} with "…". */
  public static EscapedText line(String raw, int maxChars) {
    return new EscapedText(SlackText.line(wholeCharacters(raw), maxChars));
  }

  /** {@code raw} with every lone surrogate replaced (and NUL shown as {@code \x00}), uncut. */
  static String wholeCharacters(String raw) {
    return SafeText.forStore(raw, Integer.MAX_VALUE / 2);
  }

  /** Whether {@code id} is a Slack user id that {@link #mention} accepts. */
  public static boolean isUserId(String id) {
    return id != null && USER_ID.matcher(id).matches();
  }

  /**
   * A mention of a user: {@code <@U123>} when {@code id} is a user id, else the id as escaped text
   * (a console or CLI actor, a policy rule).
   */
  public static EscapedText mention(String id) {
    return isUserId(id) ? new EscapedText("<@" + id + ">") : of(id);
  }

  /**
   * Text already escaped by this class's rules: a piece or a join of {@code EscapedText} values
   * that passed through a {@code String} inside this package (a section split at line breaks). Never
   * for outside text.
   */
  static EscapedText alreadyEscaped(String escaped) {
    return new EscapedText(Objects.requireNonNull(escaped, "escaped"));
  }

  /** This text followed by {@code next}. */
  public EscapedText plus(EscapedText next) {
    return new EscapedText(text + next.text);
  }

  /** This text followed by outside text {@code raw}, escaped. */
  public EscapedText plus(String raw) {
    return plus(of(raw));
  }

  /** At most {@code maxChars} characters: cut with {@code suffix}, never inside an entity or a surrogate pair. */
  public EscapedText cut(int maxChars, String suffix) {
    return new EscapedText(SlackText.cut(text, maxChars, SafeText.forSlack(suffix)));
  }

  public boolean isBlank() {
    return text.isBlank();
  }

  public int length() {
    return text.length();
  }

  /** The escaped text, as a text object carries it. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EscapedText that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
