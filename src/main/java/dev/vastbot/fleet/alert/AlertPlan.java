package dev.vastbot.fleet.alert;

import dev.vastbot.fleet.Alert;
import dev.vastbot.fleet.AlertThread;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to tell people about one {@link AlertBatch}, and what to remember of it: the messages (each
 * thread named by its key; text is raw, the sink escapes it), the incidents opened, mentioned
 * again and cleared.
 */
public record AlertPlan(List<Step> steps, List<AlertThread> opened, Map<String, Instant> mentioned,
    List<String> cleared) {

  public AlertPlan {
    steps = List.copyOf(steps);
    opened = List.copyOf(opened);
    mentioned = Map.copyOf(mentioned);
    cleared = List.copyOf(cleared);
  }

  /** One message to send. */
  public sealed interface Step {
    /** The thread it belongs to (its first message's key). */
    String threadKey();
  }

  /** A new thread: its first message. */
  public record Open(String threadKey, Alert.Severity severity, String text) implements Step {
    public Open {
      Objects.requireNonNull(threadKey, "threadKey");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Lines in the thread: one line alone, or a heading and a list (which the sink may split across
   * several replies).
   *
   * @param heading null for a single line
   */
  public record Note(String threadKey, String heading, List<String> lines) implements Step {
    public Note {
      Objects.requireNonNull(threadKey, "threadKey");
      lines = List.copyOf(lines);
    }
  }

  /** The thread's incidents all cleared: its first message is edited to say so. */
  public record Close(String threadKey, String text) implements Step {
    public Close {
      Objects.requireNonNull(threadKey, "threadKey");
      Objects.requireNonNull(text, "text");
    }
  }
}
