package dev.vastbot.app.config;

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
   * file if it is missing. The new text is checked to parse as YAML and to read back as {@code
   * entries} before it is written.
   *
   * @throws ConfigException if the existing file is not valid YAML (it is then left untouched) or
   *     cannot be written
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
    checkReadsBack(updated, entries);
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

  private void checkReadsBack(String updated, List<VastHostEntry> entries) {
    var expected = entries.stream().sorted(Comparator.comparingLong(VastHostEntry::id)).toList();
    var readBack = section.entriesFrom(yaml.parse(updated, file.toString()), file.toString());
    if (!readBack.equals(expected)) {
      throw new ConfigException(
          file
              + ": "
              + VastInstancesSection.KEY
              + " would not read back as written; file left as it was");
    }
  }
}
