package dev.vastbot.fleet.health;

import dev.vastbot.fleet.remote.HostJson;
import dev.vastbot.fleet.remote.RemoteValue;
import dev.vastbot.fleet.remote.TailscaleAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the output of {@link ProbeScript}. The host wrote it, so nothing in it is trusted: JSON is
 * read by a bounded {@link HostJson}, numbers must be numbers in range, and a Tailscale address
 * must be in Tailscale's range. Never throws: what cannot be read is left null. Thread-safe.
 */
public final class ProbeParser {
  /** The most GPUs one host may list; more lines are not read. */
  static final int MAX_GPUS = 64;
  private final HostJson json;

  public ProbeParser(HostJson json) {
    this.json = json;
  }

  public ProbeReport parse(String output) {
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
      if (gpus.size() == MAX_GPUS) {
        break;
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
  public OrchestratorHealth orchestrator(String text) {
    return json.readObject(text)
        .map(answer -> new OrchestratorHealth(true,
            Boolean.TRUE.equals(answer.get("healthy")),
            nodeId(answer.get("node_id")),
            nodeId(answer.get("leader_id")),
            count(answer.get("active_peers")),
            count(answer.get("total_peers"))))
        .orElse(OrchestratorHealth.SILENT);
  }

  /** {@code value} when it is a string holding a node id, else null (never shown or used). */
  public static String nodeId(Object value) {
    return value instanceof String text && RemoteValue.NODE_ID.accepts(text) ? text : null;
  }

  /** A peer count: a whole number from 0 to 100,000; anything else counts as 0. */
  static int count(Object value) {
    if (value instanceof Number number) {
      double n = number.doubleValue();
      if (n >= 0 && n <= 100_000) {
        return (int) n;
      }
    }
    return 0;
  }

  private static String tailscaleIp(String text) {
    return text == null ? null : TailscaleAddress.parse(firstLine(text)).orElse(null);
  }

  private static Integer wholeNumber(String text) {
    Double value = text == null ? null : number(firstLine(text));
    return value == null || Math.abs(value) > Integer.MAX_VALUE ? null : (int) Math.round(value);
  }

  /** A finite number of at most 32 characters, or null. */
  private static Double number(String cell) {
    String trimmed = cell.strip();
    if (trimmed.isEmpty() || trimmed.length() > 32) {
      return null;
    }
    try {
      double value = Double.parseDouble(trimmed);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
