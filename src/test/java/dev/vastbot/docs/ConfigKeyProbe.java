package dev.vastbot.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Finds every key a config loader accepts by asking the loader itself: it writes a file with a
 * key nobody would use at one place of the tree and reads the "unknown key ... (known keys: a, b)"
 * message the loader answers with, then does the same under each key it learnt. A key under which
 * the probe is refused as unknown is a section; one whose probe must be a mapping holds sections
 * named by the user (groups, windows), shown as {@code <name>}; anything else is a leaf.
 *
 * <p>So the list follows the loader as it changes, without a second list to keep. Not thread-safe.
 */
final class ConfigKeyProbe {
  static final String NAMED = "<name>";
  private static final String PROBE = "zqxjkv_probe";
  private static final Pattern UNKNOWN =
      Pattern.compile("(?:: (\\S+))?: unknown key '" + PROBE + "' \\(known keys: ([^)]*)\\)$");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path file;
  private final Consumer<Path> load;

  /**
   * @param file where the probe files are written
   * @param load loads the folder holding {@code file}; must throw the loader's exception for a
   *     key it does not know
   */
  ConfigKeyProbe(Path file, Consumer<Path> load) {
    this.file = file;
    this.load = load;
  }

  /** Every leaf key under {@code top} (empty: the whole file), as dotted paths. */
  List<String> leafKeys(List<String> top) {
    var leaves = new ArrayList<String>();
    collect(top, leaves);
    return leaves;
  }

  private void collect(List<String> path, List<String> leaves) {
    var known = knownKeysAt(path);
    if (known.isEmpty()) {
      throw new AssertionError("no key list at " + shown(path));
    }
    for (var key : known.get()) {
      var child = append(path, key);
      var answer = answerTo(child);
      if (answer.isPresent() && UNKNOWN.matcher(answer.get()).find()) {
        collect(child, leaves);
      } else if (answer.isPresent()
          && answer.get().contains(dotted(append(child, PROBE)) + ": expected a mapping")) {
        collect(append(child, PROBE), leaves);
      } else {
        leaves.add(shown(child));
      }
    }
  }

  private Optional<List<String>> knownKeysAt(List<String> path) {
    return answerTo(path)
        .map(UNKNOWN::matcher)
        .filter(java.util.regex.Matcher::find)
        .map(m -> List.of(m.group(2).split(", ")));
  }

  /** The loader's message for a file with the probe key at {@code path}; empty if it loads. */
  private Optional<String> answerTo(List<String> path) {
    Map<String, Object> tree = new LinkedHashMap<>(Map.of(PROBE, 1));
    for (int i = path.size() - 1; i >= 0; i--) {
      tree = new LinkedHashMap<>(Map.of(path.get(i), tree));
    }
    try {
      Files.writeString(file, YAML.writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      load.accept(file.getParent());
      return Optional.empty();
    } catch (RuntimeException refused) {
      return Optional.of(String.valueOf(refused.getMessage()));
    }
  }

  private static List<String> append(List<String> path, String key) {
    var longer = new ArrayList<>(path);
    longer.add(key);
    return longer;
  }

  private static String dotted(List<String> path) {
    return String.join(".", path);
  }

  private static String shown(List<String> path) {
    return dotted(path).replace(PROBE, NAMED);
  }
}
