package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedHostJsonTest {
  private final BoundedHostJson json = new BoundedHostJson();

  @Test
  void readsAnOrchestratorAnswer() {
    Map<String, Object> health = json.readObject(
        " {\"healthy\": true, \"node_id\": \"vast-1\", \"active_peers\": 2, \"peers\": [1, 2.5]}\n")
        .orElseThrow();
    assertEquals(Boolean.TRUE, health.get("healthy"));
    assertEquals("vast-1", health.get("node_id"));
    assertEquals(2, ((Number) health.get("active_peers")).intValue());
    assertEquals(List.of(1, 2.5), health.get("peers"));
  }

  @Test
  void deepNesting_isRefused_withoutOverflowingTheStack() {
    // 100 KB of '[' overflowed the old hand-written recursive parser (StackOverflowError).
    assertTrue(json.readObject("{\"a\": " + "[".repeat(100_000)).isEmpty());
    assertTrue(json.readObject("[".repeat(100_000)).isEmpty());
    assertTrue(json.readObject("{\"a\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41)).isEmpty());
  }

  @Test
  void oversizedStringsDocumentsAndTrailingGarbage_areRefused() {
    assertTrue(json.readObject("{\"a\": \"" + "x".repeat(100_000) + "\"}").isEmpty());
    assertTrue(json.readObject("{\"a\": 1}" + " ".repeat(BoundedHostJson.MAX_DOCUMENT_CHARS)).isEmpty());
    assertTrue(json.readObject("{\"a\": 1} {\"b\": 2}").isEmpty());
    assertTrue(json.readObject("{\"a\": 1, \"a\": 2}").isEmpty(), "a duplicate key is ambiguous");
    assertTrue(json.readObject("not json").isEmpty());
    assertTrue(json.readObject("[1, 2]").isEmpty(), "an array is not an object");
    assertTrue(json.readObject(null).isEmpty());
  }
}
