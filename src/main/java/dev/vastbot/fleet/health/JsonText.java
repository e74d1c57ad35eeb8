package dev.vastbot.fleet.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, strict JSON reader for what remote tools print (the P2P orchestrator's /health and
 * /status). Objects become {@code Map<String,Object>}, arrays {@code List<Object>}, numbers
 * {@code Double}, plus String, Boolean and null. The fleet layer stays free of libraries.
 */
public final class JsonText {
  private final String text;
  private int position;

  private JsonText(String text) {
    this.text = text;
  }

  /** The parsed value, or empty when {@code text} is not exactly one JSON value. */
  public static Optional<Object> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var reader = new JsonText(text);
    try {
      Object value = reader.value();
      reader.skipSpace();
      return reader.position == text.length() ? Optional.ofNullable(value).or(() -> Optional.of(NULL))
          : Optional.empty();
    } catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException malformed) {
      return Optional.empty();
    }
  }

  /** Stands for a top-level JSON {@code null}. */
  public static final Object NULL = new Object();

  private Object value() {
    skipSpace();
    char c = text.charAt(position);
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default: return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    position++;
    skipSpace();
    if (peek() == '}') {
      position++;
      return map;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (peek() == ',') {
        position++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    position++;
    skipSpace();
    if (peek() == ']') {
      position++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        position++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    expect('"');
    var out = new StringBuilder();
    while (true) {
      char c = text.charAt(position++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = text.charAt(position++);
      switch (escaped) {
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          position += 4;
          break;
        default: out.append(escaped);
      }
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw new IllegalStateException("expected " + word);
    }
    position += word.length();
    return value;
  }

  private Double number() {
    int start = position;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    if (start == position) {
      throw new IllegalStateException("unexpected character at " + position);
    }
    return Double.valueOf(text.substring(start, position));
  }

  private void expect(char c) {
    if (text.charAt(position) != c) {
      throw new IllegalStateException("expected " + c + " at " + position);
    }
    position++;
  }

  private char peek() {
    return text.charAt(position);
  }

  private void skipSpace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }
}
