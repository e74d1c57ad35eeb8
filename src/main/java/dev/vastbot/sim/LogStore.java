package dev.vastbot.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Published log texts behind {@code result_url} tokens. Like Vast's S3 upload, a text is not there
 * on the first fetch (404) and is on later ones. Not thread-safe.
 */
final class LogStore {

  /** What one fetch of a result URL finds. */
  record Fetch(boolean ready, String text) {}

  private static final class Entry {
    private final String text;
    private int fetches;

    private Entry(String text) {
      this.text = text;
    }
  }

  private final Map<String, Entry> entries = new HashMap<>();

  void publish(String token, String text) {
    entries.put(token, new Entry(text));
  }

  /** Empty for an unknown token; not ready on the first fetch of a known one. */
  Optional<Fetch> fetch(String token) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return Optional.empty();
    }
    entry.fetches++;
    return Optional.of(new Fetch(entry.fetches > 1, entry.text));
  }
}
