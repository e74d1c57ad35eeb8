package dev.vastbot.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code cap} bytes written and counts (and drops) the rest. Thread-safe. */
final class CappedOutput extends OutputStream {
  private final int cap;
  private final ByteArrayOutputStream kept;
  private long total;

  CappedOutput(int cap) {
    this.cap = cap;
    this.kept = new ByteArrayOutputStream(Math.min(cap, 8192));
  }

  @Override
  public synchronized void write(int b) {
    if (total < cap) {
      kept.write(b);
    }
    total++;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    long room = cap - total;
    if (room > 0) {
      kept.write(bytes, offset, (int) Math.min(room, length));
    }
    total += length;
  }

  synchronized boolean truncated() {
    return total > cap;
  }

  synchronized long totalBytes() {
    return total;
  }

  /** What was kept, as UTF-8 (a character cut at the cap becomes U+FFFD). */
  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }
}
