package dev.vastbot.fleet.remote;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON object that a host printed (the P2P orchestrator's {@code /health} and {@code
 * /status}). Hosts are other people's machines, so an implementation bounds what it reads
 * (nesting depth, string, name and document length, token count) and never throws: anything it
 * cannot or will not read is empty. Values are {@code Map<String, Object>}, {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean} or null. Thread-safe.
 */
@FunctionalInterface
public interface HostJson {
  /** The object {@code text} holds, or empty when it is not one JSON object within the bounds. */
  Optional<Map<String, Object>> readObject(String text);
}
