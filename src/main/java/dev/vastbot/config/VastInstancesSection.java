package dev.vastbot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/** Converts {@link VastHostEntry} lists to and from the {@code vast_instances} YAML section. */
final class VastInstancesSection {
  static final String KEY = "vast_instances";

  private final YAMLMapper mapper =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  /**
   * The section's text, entries sorted by id, ending with a line break.
   *
   * @throws IllegalArgumentException if two entries share an id
   */
  String render(List<VastHostEntry> entries, String lineSeparator) {
    var ids = new HashSet<Long>();
    var section = mapper.createObjectNode();
    var list = section.putArray(KEY);
    for (var entry :
        entries.stream().sorted(Comparator.comparingLong(VastHostEntry::id)).toList()) {
      if (!ids.add(entry.id())) {
        throw new IllegalArgumentException("duplicate vast instance id: " + entry.id());
      }
      var item = list.addObject();
      item.put("id", entry.id());
      item.put("hostname", entry.hostname());
      item.put("tailscale_ip", entry.tailscaleIp());
      item.put("gpu_type", entry.gpuType());
      item.put("gpu_count", entry.gpuCount());
      item.put("status", entry.status());
      item.put("last_seen", entry.lastSeen() == null ? null : entry.lastSeen().toString());
    }
    try {
      return mapper.writeValueAsString(section).replace("\n", lineSeparator);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("cannot render " + KEY, impossible);
    }
  }

  /** The entries under {@code vast_instances} in {@code root}; none when the key is absent. */
  List<VastHostEntry> entriesFrom(JsonNode root, String fileName) {
    var list = root.path(KEY);
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new ConfigException(
          fileName + ": " + KEY + ": expected a list, got " + YamlKind.of(list));
    }
    var entries = new ArrayList<VastHostEntry>();
    for (int i = 0; i < list.size(); i++) {
      entries.add(entryFrom(list.get(i), fileName + ": " + KEY + "[" + i + "]"));
    }
    return List.copyOf(entries);
  }

  private static VastHostEntry entryFrom(JsonNode item, String location) {
    if (!item.isObject()) {
      throw new ConfigException(location + ": expected a mapping, got " + YamlKind.of(item));
    }
    var id = item.path("id");
    if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
      throw new ConfigException(location + ".id: expected a whole number greater than 0");
    }
    var gpuCount = item.path("gpu_count");
    if (!gpuCount.isMissingNode()
        && !(gpuCount.canConvertToInt()
            && gpuCount.isIntegralNumber()
            && gpuCount.intValue() >= 0)) {
      throw new ConfigException(location + ".gpu_count: expected a whole number of at least 0");
    }
    return new VastHostEntry(
        id.longValue(),
        text(item, "hostname", location, true),
        text(item, "tailscale_ip", location, false),
        text(item, "gpu_type", location, false),
        gpuCount.intValue(),
        text(item, "status", location, true),
        instant(text(item, "last_seen", location, false), location));
  }

  private static String text(JsonNode item, String key, String location, boolean required) {
    var value = item.path(key);
    if (value.isMissingNode() || value.isNull()) {
      if (required) {
        throw new ConfigException(location + "." + key + ": missing");
      }
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      throw new ConfigException(
          location + "." + key + ": expected text, got " + YamlKind.of(value));
    }
    return value.asText();
  }

  private static Instant instant(String text, String location) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException notIso) {
      throw new ConfigException(
          location + ".last_seen: expected an ISO-8601 UTC time like 2025-01-31T12:00:00Z");
    }
  }
}
