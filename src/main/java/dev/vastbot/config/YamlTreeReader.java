package dev.vastbot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Parses YAML files into Jackson trees, turning every failure into a one-line {@link
 * ConfigException} such as {@code config/vastbot.yaml line 7: not valid YAML: mapping values are
 * not allowed here}. Duplicate keys are errors. Messages never quote the document's text.
 */
final class YamlTreeReader {
  private final YAMLMapper mapper =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** The file's document, or a {@link MissingNode} when the file does not exist or is empty. */
  JsonNode readFile(Path file) {
    return parse(readText(file), file.toString());
  }

  /** The file's text, or an empty string when the file does not exist. */
  String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException missing) {
      return "";
    } catch (CharacterCodingException notUtf8) {
      throw new ConfigException(file + ": not valid UTF-8 text", notUtf8);
    } catch (IOException unreadable) {
      throw new ConfigException(file + ": cannot read: " + unreadable.getMessage(), unreadable);
    }
  }

  /** Parses {@code text}; an empty document gives a {@link MissingNode}. */
  JsonNode parse(String text, String fileName) {
    try {
      var tree = mapper.readTree(text);
      return tree == null || tree.isNull() ? MissingNode.getInstance() : tree;
    } catch (MarkedYAMLException syntax) {
      var line = syntax.getProblemMark() == null ? 0 : syntax.getProblemMark().getLine() + 1;
      var context = syntax.getContext() == null ? "" : syntax.getContext() + ": ";
      throw new ConfigException(
          fileName + " line " + line + ": not valid YAML: " + context + syntax.getProblem(),
          syntax);
    } catch (JsonProcessingException invalid) {
      var line = invalid.getLocation() == null ? 0 : invalid.getLocation().getLineNr();
      throw new ConfigException(
          fileName + " line " + line + ": not valid YAML: " + invalid.getOriginalMessage(),
          invalid);
    }
  }
}
