package dev.vastbot.ssh;

import dev.vastbot.fleet.port.DataSync;
import dev.vastbot.fleet.port.SyncProgress;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link DataSync} over the authenticated, host-key-pinned sessions of a {@link MinaRemoteShell}:
 * nothing to install on the instance beyond python3 (standard library; the {@code sqlite3} CLI is
 * used when present).
 *
 * <p>Design, and why:
 *
 * <ul>
 *   <li><b>One listing round trip.</b> A python3 program ({@code sync_remote.py}) goes to the exec
 *       channel's stdin with its request (JSON: the paths never touch a command line) and prints a
 *       bounded manifest: path, size, mtime in ns, mode (ignored), SQLite by magic header, a database's
 *       {@code -wal} size and time. Symbolic links are never followed (a configured root may be
 *       one). The manifest is hostile input: size- and entry-capped, every path checked by {@link
 *       MirrorPaths} so that nothing lands outside {@code localDir}.
 *   <li><b>Skip by size and mtime</b>, with a local {@code stat} per file; a warm re-sync with
 *       nothing changed is that listing and those stats, no hashing (unless {@code rehashAll}).
 *       Databases are skipped when their main file and {@code -wal} are as at the last snapshot
 *       ({@link DatabaseStates}).
 *   <li><b>One framed stream per exec channel</b> for the data (a per-file SFTP loop is round-trip
 *       bound: 6 to 19 MB/s here). The host hashes (SHA-256, OpenSSL) what it sends and sends the
 *       hash after each file; {@link FileReceiver} hashes as it writes {@code .vastbot-part},
 *       renames on a match, resumes a part from its length (hashing it from disk first). A file
 *       that differs or changed while read is copied once more, then reported. Two streams when
 *       there is enough to copy: one python reader cannot keep the link busy on its own while it
 *       hashes.
 *   <li><b>Databases from a snapshot</b> taken on the host ({@code sqlite3 .backup}, else
 *       python's backup API) so that rows still in the {@code -wal} come along; {@code PRAGMA
 *       integrity_check} on the copy before it is renamed, ended by SQLite's progress handler
 *       when the pull's deadline passes (a crafted database can make it run for hours).
 *   <li><b>Local files are ours.</b> Modes 0640 (files) and 0750 (folders), never the host's; a
 *       name that cannot be written here is stored encoded ({@link MirrorPaths}, {@link
 *       LocalNames}).
 *   <li><b>Speed.</b> The session prefers AES-GCM ({@link MinaRemoteShell}); channels get an 8 MiB
 *       window; the copied files are flushed with one {@code syncfs} at the end, not one fsync
 *       each (about 3 ms each here).
 *   <li><b>Bounds.</b> At most {@link SyncSettings#parallelInstances()} pulls at once (a caller
 *       waits within its deadline); every read waits at most the stall timeout, capped by the
 *       pull's deadline; a stream slower than the minimum rate is ended ({@link RateFloor});
 *       connect and login as the shell's settings; the listing has its own timeout. Before
 *       anything is written the pull reserves the bytes it will copy ({@link DiskReservations}: a
 *       per-instance quota, and a floor of free space kept across every pull running at once);
 *       each file is then held to exactly its listed size (a database to its main file and
 *       {@code -wal} together).
 * </ul>
 *
 * <p>Thread-safe. Closing the shell ends every pull.
 */
public final class StreamingDataSync implements DataSync {
  private final SessionPool sessions;
  private final Duration openTimeout;
  private final SyncSettings settings;
  private final DiskReservations reservations;
  private final RemoteSyncScript script;
  private final Semaphore instances;

  StreamingDataSync(SessionPool sessions, Duration openTimeout, SyncSettings settings,
      DiskReservations reservations, RemoteSyncScript script) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.openTimeout = Objects.requireNonNull(openTimeout, "openTimeout");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reservations = Objects.requireNonNull(reservations, "reservations");
    this.script = Objects.requireNonNull(script, "script");
    this.instances = new Semaphore(settings.parallelInstances(), true);
  }

  /** A sync on {@code shell}'s client and kept sessions (its host key pins, its key). */
  public static StreamingDataSync over(MinaRemoteShell shell, SyncSettings settings) {
    return over(shell, settings, SpaceLimits.defaults());
  }

  /**
   * A sync on {@code shell}'s client and kept sessions whose pulls reserve local disk space
   * within {@code limits}. The reservations are this object's: a process makes one and gives it
   * every pull, so that the floor holds across all of them.
   */
  public static StreamingDataSync over(MinaRemoteShell shell, SyncSettings settings,
      SpaceLimits limits) {
    return new StreamingDataSync(shell.sessions(), shell.channelOpenTimeout(), settings,
        new DiskReservations(FreeSpace.FILE_STORE, limits), RemoteSyncScript.standard());
  }

  @Override
  public SyncReport pull(SshTarget target, SyncRequest request, SyncProgress progress)
      throws InterruptedException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(progress, "progress");
    List<String> roots = request.remotePaths().stream().map(MirrorPaths::requireRoot).distinct()
        .toList();
    var deadline = Deadline.after(request.deadline());
    if (!instances.tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
      return new SyncReport(0, 0, 0, 0, List.of(), Failure.TIMEOUT, target + ": waited for "
          + settings.parallelInstances() + " other pulls until the deadline", List.of(),
          deadline.elapsed());
    }
    try {
      var meter = new ProgressMeter(progress, settings.progressInterval());
      return new SyncPull(this, target, request, roots, deadline, meter).run();
    } finally {
      instances.release();
    }
  }

  SessionPool sessions() {
    return sessions;
  }

  Duration openTimeout() {
    return openTimeout;
  }

  SyncSettings settings() {
    return settings;
  }

  DiskReservations reservations() {
    return reservations;
  }

  RemoteSyncScript script() {
    return script;
  }
}
