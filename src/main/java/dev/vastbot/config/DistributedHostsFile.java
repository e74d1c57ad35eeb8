package dev.vastbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The cluster host list {@code distributed_hosts.yaml}, of which the bot owns only the top-level
 * {@code vast_instances} section. Every other byte of the file (sections, comments, formatting) is
 * left exactly as it was.
 *
 * <p>Each write replaces the file atomically. Not safe for two writers at once: the last one wins.
 */
public final class DistributedHostsFile {
  private final Path file;
  private final YamlTreeReader yaml = new YamlTreeReader();
  private final VastInstancesSection section = new VastInstancesSection();

  private DistributedHostsFile(Path file) {
    this.file = file;
  }

  /** The file at {@code file}, which need not exist yet. */
  public static DistributedHostsFile at(Path file) {
    return new DistributedHostsFile(file);
  }

  /** Where the file is. */
  public Path path() {
    return file;
  }

  /**
   * The entries of {@code vast_instances}, in file order; empty when the file or section is
   * missing.
   *
   * @throws ConfigException if the file is not valid YAML or an entry is malformed
   */
  public List<VastHostEntry> readVastInstances() {
    return section.entriesFrom(yaml.readFile(file), file.toString());
  }

  /**
   * Replaces the {@code vast_instances} section with {@code entries}, sorted by id, creating the
   * file if it is missing. Before anything is written, the new text is checked to parse as YAML, to
   * read back as {@code entries} and to leave every other section's content unchanged.
   *
   * @throws ConfigException if the existing file is not valid YAML, if the section cannot be
   *     replaced safely (the file is then left untouched) or if it cannot be written
   * @throws IllegalArgumentException if two entries share an id
   */
  public void writeVastInstances(List<VastHostEntry> entries) {
    var existing = yaml.readText(file);
    var existingRoot = yaml.parse(existing, file.toString());
    if (!existingRoot.isMissingNode() && !existingRoot.isObject()) {
      throw new ConfigException(
          file + ": expected a mapping of keys at the top level, got " + YamlKind.of(existingRoot));
    }
    var lineSeparator = existing.contains("\r\n") ? "\r\n" : "\n";
    var rendered = section.render(entries, lineSeparator);
    var updated =
        TopLevelSection.find(existing, VastInstancesSection.KEY)
            .map(block -> block.replaceIn(existing, rendered))
            .orElseGet(() -> appended(existing, rendered, lineSeparator));
    checkSplice(existingRoot, updated, entries);
    try {
      AtomicTextFile.write(file, updated);
    } catch (IOException failed) {
      throw new ConfigException(file + ": cannot write: " + failed.getMessage(), failed);
    }
  }

  private static String appended(String existing, String rendered, String lineSeparator) {
    if (existing.isEmpty() || existing.endsWith("\n")) {
      return existing + rendered;
    }
    return existing + lineSeparator + rendered;
  }

  /**
   * Refuses text that does not parse, does not hold exactly {@code entries}, or changed any other
   * section: the guard against a splice the line-based search got wrong.
   */
  private void checkSplice(JsonNode before, String updated, List<VastHostEntry> entries) {
    var expected = entries.stream().sorted(Comparator.comparingLong(VastHostEntry::id)).toList();
    JsonNode after;
    try {
      after = yaml.parse(updated, file.toString());
    } catch (ConfigException broken) {
      throw unsafeSplice("the result would not be valid YAML", broken);
    }
    if (!section.entriesFrom(after, file.toString()).equals(expected)) {
      throw unsafeSplice("the section would not read back as written", null);
    }
    if (!withoutSection(before).equals(withoutSection(after))) {
      throw unsafeSplice("other sections would change", null);
    }
  }

  private static JsonNode withoutSection(JsonNode root) {
    var copy =
        root.isObject() ? ((ObjectNode) root).deepCopy() : JsonNodeFactory.instance.objectNode();
    return copy.without(VastInstancesSection.KEY);
  }

  private ConfigException unsafeSplice(String reason, Throwable cause) {
    return new ConfigException(
        file
            + ": cannot replace "
            + VastInstancesSection.KEY
            + " safely ("
            + reason
            + "); file left as it was",
        cause);
  }
}
