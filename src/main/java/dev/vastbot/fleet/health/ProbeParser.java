package dev.vastbot.fleet.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the output of {@link ProbeScript}. Never throws: what cannot be read is left null. */
public final class ProbeParser {
  private ProbeParser() {}

  public static ProbeReport parse(String output) {
    Map<String, String> sections = split(output);
    List<GpuReading> gpus = new ArrayList<>();
    String gpuError = readGpus(sections.getOrDefault("gpu", ""), gpus);
    return new ProbeReport(gpus, gpuError,
        wholeNumber(sections.get("workers")),
        orchestrator(sections.get("p2p")),
        wholeNumber(sections.get("disk")),
        wholeNumber(sections.get("games")),
        tailscaleIp(sections.get("tailscale")));
  }

  private static Map<String, String> split(String output) {
    Map<String, String> sections = new HashMap<>();
    String current = null;
    var body = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      if (line.startsWith(ProbeScript.MARK)) {
        if (current != null) {
          sections.put(current, body.toString().strip());
        }
        current = line.substring(ProbeScript.MARK.length()).strip();
        body.setLength(0);
      } else if (current != null) {
        body.append(line).append('\n');
      }
    }
    if (current != null && !"end".equals(current)) {
      sections.put(current, body.toString().strip());
    }
    return sections;
  }

  /** Fills {@code gpus}; returns the error text when nvidia-smi did not answer in CSV. */
  private static String readGpus(String text, List<GpuReading> gpus) {
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length < 5 || number(cells[0]) == null) {
        gpus.clear();
        return text.isBlank() ? "no output" : firstLine(text);
      }
      gpus.add(new GpuReading(number(cells[0]).intValue(), number(cells[1]), number(cells[2]),
          number(cells[3]), number(cells[4])));
    }
    return gpus.isEmpty() ? "no GPUs listed" : null;
  }

  /** Reads an orchestrator {@code /health} answer. */
  public static OrchestratorHealth orchestrator(String text) {
    if (text == null || text.isBlank()) {
      return OrchestratorHealth.SILENT;
    }
    return JsonText.parse(text.strip())
        .filter(Map.class::isInstance)
        .map(value -> (Map<?, ?>) value)
        .map(json -> new OrchestratorHealth(true,
            Boolean.TRUE.equals(json.get("healthy")),
            json.get("node_id") instanceof String id ? id : null,
            json.get("leader_id") instanceof String leader ? leader : null,
            json.get("active_peers") instanceof Double n ? n.intValue() : 0,
            json.get("total_peers") instanceof Double n ? n.intValue() : 0))
        .orElse(OrchestratorHealth.SILENT);
  }

  private static String tailscaleIp(String text) {
    if (text == null) {
      return null;
    }
    String ip = text.strip();
    return ip.matches("100\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") ? ip : null;
  }

  private static Integer wholeNumber(String text) {
    Double value = text == null ? null : number(firstLine(text));
    return value == null ? null : (int) Math.round(value);
  }

  private static Double number(String cell) {
    try {
      return Double.valueOf(cell.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
