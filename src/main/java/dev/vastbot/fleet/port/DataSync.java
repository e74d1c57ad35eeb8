package dev.vastbot.fleet.port;

import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncRequest;
/**
 * Copies an instance's data home over SSH, verified: the port the termination path and {@code
 * data-sync} use. Implementations are thread-safe; one call syncs one instance, and calls for
 * different instances may run in parallel.
 *
 * <p>Guarantees of a call that returns a report with {@link SyncReport#verified()} true: every file
 * under the requested paths that existed on the instance when the call listed them is in {@code
 * request.localDir()}, mirroring the remote tree, and its SHA-256 equals the instance's; a SQLite
 * database was copied from a consistent snapshot taken on the instance (its {@code -wal} rows
 * included) and passes {@code PRAGMA integrity_check}; no file under its real name is ever a
 * partial copy (a copy in progress has a temporary name and is renamed when complete and
 * verified).
 */
public interface DataSync {

  /**
   * Pulls {@code request.remotePaths()} from the instance into {@code request.localDir()}.
   * Never throws for a problem of the host, the network or the local disk: the report says what
   * went wrong ({@link SyncReport#failure()}).
   *
   * @throws InterruptedException when the calling thread is interrupted (the partial copies stay,
   *     under temporary names, and a later call resumes them)
   */
  SyncReport pull(SshTarget target, SyncRequest request, SyncProgress progress) throws InterruptedException;
}
