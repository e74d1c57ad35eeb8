package dev.vastbot.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's configuration reference names every key the config loader accepts, and every
 * environment variable the code reads. The keys come from the loader itself ({@link
 * ConfigKeyProbe}); a key {@code a.b.c} counts as named when README has a heading holding
 * {@code `a.b`} (a user-named part such as a group written as any {@code <word>}) followed, before
 * the next heading, by a table row that starts with {@code | `c` |} (fenced code blocks are
 * skipped). The variables are the
 * {@code "VAST_…"}, {@code "VASTBOT_…"} and {@code "SLACK_…"} string literals in src/main, each of
 * which must appear in README in backticks.
 */
class ReadmeConfigKeysTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern HEADING = Pattern.compile("^#+ .*");

  @TempDir Path temp;

  @Test
  void everyKeyOfVastbotYamlHasARow() throws IOException {
    var probe =
        new ConfigKeyProbe(
            temp.resolve(ConfigLoader.VASTBOT_FILE),
            dir -> ConfigLoader.load(dir, Map.of(), temp));

    assertNamed(probe.leafKeys(List.of()), "config/vastbot.yaml");
  }

  @Test
  void everyKeyOfNotificationHooksHasARow() throws IOException {
    var probe =
        new ConfigKeyProbe(
            temp.resolve(ConfigLoader.NOTIFICATION_HOOKS_FILE),
            dir -> ConfigLoader.loadNotificationHooks(dir, Map.of()));

    assertNamed(probe.leafKeys(List.of("vast_alerts")), "config/notification_hooks.yaml");
  }

  @Test
  void everyEnvironmentVariableIsNamed() throws IOException {
    var readme = Files.readString(README, StandardCharsets.UTF_8);
    var variables = new TreeSet<String>();
    var literal = Pattern.compile("\"((?:VAST|VASTBOT|SLACK)_[A-Z0-9_]+)\"");
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      for (var source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = literal.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find()) {
          variables.add(m.group(1));
        }
      }
    }
    assertTrue(variables.size() >= 10, "found the variables: " + variables);
    var missing = variables.stream().filter(v -> !readme.contains("`" + v + "`")).toList();
    assertEquals(List.of(), missing, "environment variables README.md does not name");
  }

  private static void assertNamed(List<String> keys, String file) throws IOException {
    assertTrue(keys.size() >= 4, file + ": the probe found " + keys);
    var lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    var missing = new ArrayList<String>();
    for (var key : keys) {
      if (!hasRow(lines, key)) {
        missing.add(key);
      }
    }
    assertEquals(List.of(), missing, file + ": keys README.md has no row for");
  }

  /** Whether a heading naming the key's section is followed by a row for the key. */
  static boolean hasRow(List<String> lines, String key) {
    int dot = key.lastIndexOf('.');
    var section = Pattern.quote("`" + key.substring(0, dot) + "`")
        .replace(ConfigKeyProbe.NAMED, "\\E<[a-z_-]+>\\Q");
    var heading = Pattern.compile(section);
    var row = "| `" + key.substring(dot + 1) + "` |";
    boolean inSection = false;
    boolean inCode = false;
    for (var line : lines) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode && HEADING.matcher(line).matches()) {
        inSection = heading.matcher(line).find();
      } else if (!inCode && inSection && line.startsWith(row)) {
        return true;
      }
    }
    return false;
  }
}
