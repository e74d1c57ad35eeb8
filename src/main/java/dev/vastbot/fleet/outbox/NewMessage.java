package dev.vastbot.fleet.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to queue (see {@link OutboxMessage} for the fields).
 *
 * @param key null when nothing will refer to it
 * @param parentKey required for a reply and an edit, null otherwise
 * @param file required for an upload, null otherwise
 */
public record NewMessage(String lane, OutboxMessage.Kind kind, String key, String parentKey, String payload,
    byte[] file, Instant deadline) {

  public NewMessage {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(deadline, "deadline");
    boolean needsParent = kind == OutboxMessage.Kind.REPLY || kind == OutboxMessage.Kind.UPDATE;
    if (needsParent != (parentKey != null)) {
      throw new IllegalArgumentException(kind + (needsParent ? " needs" : " takes no") + " parent key");
    }
    if ((kind == OutboxMessage.Kind.UPLOAD) != (file != null)) {
      throw new IllegalArgumentException(kind + (kind == OutboxMessage.Kind.UPLOAD ? " needs" : " takes no")
          + " file");
    }
  }
}
