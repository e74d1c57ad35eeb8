package dev.vastbot.fleet.remote;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A shell command from the configuration with {@code {name}} placeholders. Filling it puts each
 * value in as exactly one shell word that the shell takes literally, wherever its placeholder
 * sits:
 *
 * <ul>
 *   <li>bare, {@code --peers {peers}}: the value, {@link ShellQuote shell-quoted};
 *   <li>as the whole of a quoted string, {@code '{peers}'} or {@code "{peers}"}: the quotes are
 *       replaced along with the placeholder (configs written before vastbot quoted values);
 *   <li>inside a longer word or quoted string, {@code selfplay_{board}.db} or {@code
 *       "--peers={peers}"}: a value that needs quotes is spliced in outside the template's quotes.
 * </ul>
 *
 * <p>To tell these apart the template's quotes, backslashes, {@code $( )}, backticks and comments
 * are followed; a template in which they do not balance is refused. Braces that do not name a
 * value, such as {@code ${HOME}}, are left alone.
 */
public record CommandTemplate(String text) {
  /** Why a template is refused. */
  public static final String UNBALANCED =
      "must have balanced quotes, $( ) and backticks (vastbot follows them to quote each value)";

  public CommandTemplate {
    Objects.requireNonNull(text, "text");
    if (!isWellFormed(text)) {
      throw new IllegalArgumentException("a command template " + UNBALANCED);
    }
  }

  /** Whether the quotes, {@code $( )} and backticks of {@code text} balance. */
  public static boolean isWellFormed(String text) {
    return new Filling(text, Map.of()).result() != null;
  }

  /** The command with every {@code {name}} of {@code values} replaced by its value as one word. */
  public String fill(Map<String, String> values) {
    return new Filling(text, values).result();
  }

  private enum Quoting { WORDS, SINGLE, DOUBLE }

  /** Where the scan is: in words, or in quotes; {@code closer} ends a nested {@code $( )} or backtick. */
  private record Frame(Quoting quoting, char closer) {}

  /** One pass over a template. */
  private static final class Filling {
    private final String text;
    private final Map<String, String> values;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int at;

    Filling(String text, Map<String, String> values) {
      this.text = text;
      this.values = values;
      frames.push(new Frame(Quoting.WORDS, '\0'));
    }

    /** The filled command, or null when the template does not balance. */
    String result() {
      while (at < text.length()) {
        Frame frame = frames.peek();
        switch (frame.quoting()) {
          case WORDS -> inWords(frame);
          case SINGLE -> inSingleQuotes();
          case DOUBLE -> inDoubleQuotes();
        }
      }
      return frames.size() == 1 ? out.toString() : null;
    }

    private void inWords(Frame frame) {
      char c = text.charAt(at);
      if (c == '\\') {
        copy(2);
      } else if (c == '\'' || c == '"') {
        if (!wholeQuotedPlaceholder(c)) {
          enter(c == '\'' ? Quoting.SINGLE : Quoting.DOUBLE, '\0', 1);
        }
      } else if ((c == '`' || c == ')') && frame.closer() == c) {
        leave();
      } else if (c == '`' || c == '(') {
        enter(Quoting.WORDS, c == '`' ? '`' : ')', 1);
      } else if (text.startsWith("$(", at)) {
        enter(Quoting.WORDS, ')', 2);
      } else if (c == '#' && atWordStart()) {
        copyComment();
      } else if (!placeholder(ShellQuote::quote)) {
        copy(1);
      }
    }

    private void inSingleQuotes() {
      if (text.charAt(at) == '\'') {
        leave();
      } else if (!placeholder(value -> ShellQuote.isBare(value) ? value : "'" + ShellQuote.quote(value) + "'")) {
        copy(1);
      }
    }

    private void inDoubleQuotes() {
      char c = text.charAt(at);
      if (c == '\\') {
        copy(2);
      } else if (c == '"') {
        leave();
      } else if (c == '`') {
        enter(Quoting.WORDS, '`', 1);
      } else if (text.startsWith("$(", at)) {
        enter(Quoting.WORDS, ')', 2);
      } else if (!placeholder(value -> ShellQuote.isBare(value) ? value : "\"" + ShellQuote.quote(value) + "\"")) {
        copy(1);
      }
    }

    /** {@code '{name}'} or {@code "{name}"}: replaced, quotes included, by the quoted value. */
    private boolean wholeQuotedPlaceholder(char quote) {
      String name = nameAt(at + 1);
      if (name == null || !text.startsWith(quote + "{" + name + "}" + quote, at)) {
        return false;
      }
      out.append(forBackticks(ShellQuote.quote(values.get(name))));
      at += name.length() + 4;
      return true;
    }

    private boolean placeholder(UnaryOperator<String> quoting) {
      String name = nameAt(at);
      if (name == null) {
        return false;
      }
      out.append(forBackticks(quoting.apply(values.get(name))));
      at += name.length() + 2;
      return true;
    }

    /**
     * Before it runs the text of a {@code `...`} substitution, the shell reads {@code \\}, {@code
     * \`} and {@code \$} as one character each (within single quotes too), and a bare {@code `}
     * ends it; so {@code \}, {@code `} and {@code $} get one more backslash per enclosing one.
     */
    private String forBackticks(String word) {
      String escaped = word;
      for (Frame frame : frames) {
        if (frame.closer() == '`') {
          escaped = escaped.replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\$");
        }
      }
      return escaped;
    }

    /** The name of the value whose placeholder starts at {@code index}, or null. */
    private String nameAt(int index) {
      if (!text.startsWith("{", index)) {
        return null;
      }
      int end = text.indexOf('}', index);
      if (end < 0) {
        return null;
      }
      String name = text.substring(index + 1, end);
      return values.containsKey(name) ? name : null;
    }

    private boolean atWordStart() {
      return at == 0 || " \t\n;&|()".indexOf(text.charAt(at - 1)) >= 0;
    }

    private void copyComment() {
      int end = text.indexOf('\n', at);
      copy((end < 0 ? text.length() : end) - at);
    }

    private void enter(Quoting quoting, char closer, int length) {
      frames.push(new Frame(quoting, closer));
      copy(length);
    }

    private void leave() {
      if (frames.size() > 1) {
        frames.pop();
      }
      copy(1);
    }

    private void copy(int length) {
      int end = Math.min(at + length, text.length());
      out.append(text, at, end);
      at = end;
    }
  }
}
