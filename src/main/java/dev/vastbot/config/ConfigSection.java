package dev.vastbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the typed keys of one YAML mapping, remembering which keys were asked for so that {@link
 * #rejectUnknownKeys()} can catch typos. A key that is absent or empty ({@code key:}) takes its
 * default; an environment variable, when named and set to a non-blank value, wins over both.
 *
 * <p>Not thread-safe: one instance reads one section once.
 */
final class ConfigSection {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final Map<String, String> env;
  private final boolean revealValues;
  private final ScalarParser scalars;
  private final Set<String> knownKeys = new LinkedHashSet<>();

  private ConfigSection(
      String file, String path, JsonNode node, Map<String, String> env, boolean revealValues) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.env = env;
    this.revealValues = revealValues;
    this.scalars = new ScalarParser(revealValues);
  }

  /**
   * The top-level mapping of {@code file}; a missing or empty document counts as an empty mapping.
   *
   * @param revealValues whether messages may quote the values found (false for files with secrets)
   */
  static ConfigSection root(
      String file, JsonNode root, Map<String, String> env, boolean revealValues) {
    var document = root == null || root.isNull() ? MissingNode.getInstance() : root;
    if (!document.isMissingNode() && !document.isObject()) {
      throw new ConfigException(
          file + ": expected a mapping of keys at the top level, got " + YamlKind.of(document));
    }
    return new ConfigSection(file, "", document, env, revealValues);
  }

  /** The nested mapping under {@code key}; absent or empty means all its keys take defaults. */
  ConfigSection section(String key) {
    knownKeys.add(key);
    var child = node.path(key);
    if (child.isMissingNode() || child.isNull()) {
      return new ConfigSection(file, pathOf(key), MissingNode.getInstance(), env, revealValues);
    }
    if (!child.isObject()) {
      throw new ConfigException(
          locationOf(key) + ": expected a mapping, got " + YamlKind.of(child));
    }
    return new ConfigSection(file, pathOf(key), child, env, revealValues);
  }

  Setting<Integer> integer(String key, int fallback) {
    return integer(key, fallback, null);
  }

  Setting<Integer> integer(String key, int fallback, String envVar) {
    return setting(key, fallback, envVar, scalars::integer, ScalarParser::integerFromEnv);
  }

  /** A whole number that may exceed an {@code int} (a count of bytes). */
  Setting<Long> wholeNumber(String key, long fallback) {
    return setting(key, fallback, null, scalars::wholeNumber, (name, raw) -> Long.parseLong(raw));
  }

  Setting<Double> decimal(String key, double fallback) {
    return decimal(key, fallback, null);
  }

  Setting<Double> decimal(String key, double fallback, String envVar) {
    return setting(key, fallback, envVar, scalars::decimal, ScalarParser::decimalFromEnv);
  }

  Setting<Boolean> bool(String key, boolean fallback) {
    return setting(key, fallback, null, scalars::bool, (name, raw) -> Boolean.parseBoolean(raw));
  }

  Setting<String> text(String key, String fallback) {
    return text(key, fallback, null);
  }

  /** A text key; {@code fallback} may be null for keys whose absence has a meaning. */
  Setting<String> text(String key, String fallback, String envVar) {
    return setting(key, fallback, envVar, scalars::text, (name, raw) -> raw);
  }

  /** A list of text values, one setting per item so checks can name {@code key[i]}. */
  List<Setting<String>> textList(String key, List<String> fallback) {
    knownKeys.add(key);
    var list = node.path(key);
    var items = new ArrayList<Setting<String>>();
    if (list.isMissingNode() || list.isNull()) {
      for (int i = 0; i < fallback.size(); i++) {
        var item = fallback.get(i);
        items.add(
            new Setting<>(item, pathOf(key), locationOf(key) + "[" + i + "]", quoted(item), true));
      }
      return List.copyOf(items);
    }
    if (!list.isArray()) {
      throw new ConfigException(
          locationOf(key) + ": expected a list, got " + scalars.describe(list));
    }
    for (int i = 0; i < list.size(); i++) {
      var location = locationOf(key) + "[" + i + "]";
      var item = scalars.text(list.get(i), location);
      items.add(new Setting<>(item, pathOf(key), location, quoted(item), false));
    }
    return List.copyOf(items);
  }

  /**
   * A mapping of names to text; numbers and booleans are taken as their text, empty as "". Values
   * are never shown in messages (they may be secrets).
   */
  Setting<Map<String, String>> textMap(String key) {
    knownKeys.add(key);
    var mapping = node.path(key);
    if (mapping.isMissingNode() || mapping.isNull()) {
      return new Setting<>(Map.of(), pathOf(key), locationOf(key), null, true);
    }
    if (!mapping.isObject()) {
      throw new ConfigException(
          locationOf(key) + ": expected a mapping, got " + YamlKind.of(mapping));
    }
    var values = new LinkedHashMap<String, String>();
    for (var entry : mapping.properties()) {
      var value = entry.getValue();
      if (value.isContainerNode()) {
        throw new ConfigException(
            locationOf(key) + "." + entry.getKey() + ": expected text, got " + YamlKind.of(value));
      }
      values.put(entry.getKey(), value.isNull() ? "" : value.asText());
    }
    return new Setting<>(Map.copyOf(values), pathOf(key), locationOf(key), null, false);
  }

  /**
   * The keys present in this mapping, in file order, for mappings whose keys are names chosen by
   * the user (groups, windows, GPU models) rather than a fixed set.
   */
  List<String> keys() {
    var keys = new ArrayList<String>();
    node.fieldNames().forEachRemaining(keys::add);
    return List.copyOf(keys);
  }

  /** Where a key of this mapping is, for messages: {@code <file>: <path>.<key>}. */
  String location(String key) {
    return locationOf(key);
  }

  /** Throws for the first key of this mapping that no read asked for, suggesting a close match. */
  void rejectUnknownKeys() {
    for (var entry : node.properties()) {
      var key = entry.getKey();
      if (!knownKeys.contains(key)) {
        var where = path.isEmpty() ? file : file + ": " + path;
        var hint =
            KeySuggestion.closestTo(key, knownKeys)
                .map(known -> "; did you mean '" + known + "'?")
                .orElse(" (known keys: " + String.join(", ", knownKeys) + ")");
        throw new ConfigException(where + ": unknown key '" + key + "'" + hint);
      }
    }
  }

  private <T> Setting<T> setting(
      String key,
      T fallback,
      String envVar,
      BiFunction<JsonNode, String, T> fromYaml,
      BiFunction<String, String, T> fromEnv) {
    knownKeys.add(key);
    var value = node.path(key);
    var fromFile =
        value.isMissingNode() || value.isNull()
            ? new Setting<>(fallback, pathOf(key), locationOf(key), shownDefault(fallback), true)
            : new Setting<>(
                fromYaml.apply(value, locationOf(key)),
                pathOf(key),
                locationOf(key),
                shown(value),
                false);
    var raw = envVar == null ? null : env.get(envVar);
    if (raw == null || raw.isBlank()) {
      return fromFile;
    }
    var stripped = raw.strip();
    var shownRaw = fallback instanceof String ? quoted(stripped) : reveal(stripped);
    return new Setting<>(fromEnv.apply(envVar, stripped), envVar, envVar, shownRaw, false);
  }

  private String shown(JsonNode value) {
    return value.isTextual() ? quoted(value.textValue()) : reveal(value.asText());
  }

  private String shownDefault(Object fallback) {
    return fallback instanceof String text ? quoted(text) : String.valueOf(fallback);
  }

  private String quoted(String text) {
    return reveal("'" + text + "'");
  }

  private String reveal(String text) {
    return revealValues ? text : null;
  }

  private String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String locationOf(String key) {
    return file + ": " + pathOf(key);
  }
}
