package dev.vastbot.ssh;

import java.time.Duration;
import java.time.Instant;
import org.apache.sshd.client.session.ClientSession;

/**
 * One authenticated session that commands borrow. It is closed once it is evicted and no command
 * uses it any more, so an eviction never cuts off a command that is still running. Thread-safe.
 */
final class PooledSession {
  private final ClientSession session;
  private Instant lastUsed;
  private int borrowers;
  private boolean evicted;
  private boolean closeImmediately;

  PooledSession(ClientSession session, Instant now) {
    this.session = session;
    this.lastUsed = now;
    this.borrowers = 1;
  }

  ClientSession session() {
    return session;
  }

  /** Borrows the session unless it is evicted, closed or was idle longer than {@code idle}. */
  synchronized boolean tryBorrow(Instant now, Duration idle) {
    if (evicted || !session.isOpen() || isIdle(now, idle)) {
      return false;
    }
    borrowers++;
    return true;
  }

  synchronized void giveBack(Instant now) {
    borrowers--;
    lastUsed = now;
    closeIfDone();
  }

  synchronized boolean isIdle(Instant now, Duration idle) {
    return borrowers == 0 && Duration.between(lastUsed, now).compareTo(idle) > 0;
  }

  /**
   * Takes the session out of use; it closes now if nobody borrows it, else when the last borrower
   * gives it back. {@code broken} closes without the polite goodbye.
   */
  synchronized void evict(boolean broken) {
    evicted = true;
    closeImmediately |= broken;
    closeIfDone();
  }

  private void closeIfDone() {
    if (evicted && borrowers == 0) {
      session.close(closeImmediately);
    }
  }
}
