package dev.vastbot.slack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body as its chunks arrive, without holding a thread while it waits for them, up
 * to a cap: the result fails with {@link TooLarge} as soon as the body passes the cap (the rest is
 * left unread), or with the failure the body ended in (the client went away). Jetty's own
 * {@code Content.Source.asByteArrayAsync} fails an over-cap body with a plain state error, which
 * cannot be told from others. One body per reader; not for reuse.
 */
final class BodyReader implements Runnable {
  /** The body passed the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge(int cap) {
      super("request body over " + cap + " bytes", null, false, false);
    }
  }

  private final Content.Source source;
  private final int cap;
  private final ByteArrayOutputStream bytes;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();

  private BodyReader(Content.Source source, int cap, long declaredLength) {
    this.source = source;
    this.cap = cap;
    this.bytes = new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 1_024), cap));
  }

  /**
   * The body of {@code source}, read as it comes.
   *
   * @param declaredLength the Content-Length, or -1 when not known: sizes the first buffer
   */
  static CompletableFuture<byte[]> read(Content.Source source, int cap, long declaredLength) {
    var reader = new BodyReader(source, cap, declaredLength);
    reader.run();
    return reader.body;
  }

  /** Reads what has arrived; asks to be run again when more does. */
  @Override
  public void run() {
    while (!body.isDone()) {
      Content.Chunk chunk = source.read();
      if (chunk == null) {
        source.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        body.completeExceptionally(chunk.getFailure());
        return;
      }
      boolean last = chunk.isLast();
      try {
        if (!append(chunk.getByteBuffer())) {
          body.completeExceptionally(new TooLarge(cap));
          return;
        }
      } finally {
        chunk.release();
      }
      if (last) {
        body.complete(bytes.toByteArray());
      }
    }
  }

  private boolean append(ByteBuffer buffer) {
    int length = buffer.remaining();
    if (bytes.size() + (long) length > cap) {
      return false;
    }
    if (buffer.hasArray()) {
      bytes.write(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
    } else {
      byte[] copy = new byte[length];
      buffer.duplicate().get(copy);
      bytes.write(copy, 0, length);
    }
    return true;
  }
}
