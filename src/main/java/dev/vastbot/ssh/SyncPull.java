package dev.vastbot.ssh;

import dev.vastbot.fleet.remote.ShellOutcome;
import dev.vastbot.fleet.remote.SshTarget;
import dev.vastbot.fleet.sync.SyncReport;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.fleet.sync.SyncRequest;
import dev.vastbot.ssh.TransferOutcome.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pull of one instance, step by step: borrow the session, list (one channel), decide what to
 * copy from local facts, check local space, stream (one channel per stream: {@link
 * TransferStreams}), copy again once what failed, flush, report. Not thread-safe: used by one call.
 */
final class SyncPull {
  /** Bytes received between two early writebacks of the mirror's file system. */
  private static final long WRITEBACK_STEP = 64L << 20;
  private static final int MAX_PROBLEMS = 100;

  private final StreamingDataSync sync;
  private final SyncSettings settings;
  private final SshTarget target;
  private final SyncRequest request;
  private final List<String> roots;
  private final Deadline deadline;
  private final ProgressMeter meter;
  private final MirrorPaths paths;
  private final TransferStreams streams;
  private final List<String> problems = new ArrayList<>();
  private List<String> missing = List.of();
  private DiskReservations.Reservation reservation = DiskReservations.none();
  private int copied;
  private int unchanged;
  private int databases;

  SyncPull(StreamingDataSync sync, SshTarget target, SyncRequest request, List<String> roots,
      Deadline deadline, ProgressMeter meter) {
    this.sync = sync;
    this.settings = sync.settings();
    this.target = target;
    this.request = request;
    this.roots = roots;
    this.deadline = deadline;
    this.meter = meter;
    this.paths = new MirrorPaths(roots, request.localDir());
    this.streams = new TransferStreams(sync, target, paths, meter, deadline);
  }

  SyncReport run() throws InterruptedException {
    SessionPool.Lease lease;
    try {
      lease = sync.sessions().borrow(target, deadline);
    } catch (HostFailure failure) {
      return report(failure.failure() == ShellOutcome.Failure.TIMEOUT ? Failure.TIMEOUT
          : Failure.UNREACHABLE, target + ": " + failure.failure() + ": " + failure.getMessage());
    }
    try {
      SyncManifest manifest;
      try {
        manifest = list(lease);
      } catch (SyncFailure failure) {
        if (failure.failure() != Failure.UNREACHABLE || !lease.reused() || deadline.expired()) {
          throw failure;
        }
        lease.evict(); // a kept session died unnoticed: one fresh try
        lease.close();
        lease = sync.sessions().borrow(target, deadline);
        manifest = list(lease);
      }
      copyAll(lease, manifest);
      return report(null, "");
    } catch (SyncFailure failure) {
      if (failure.failure() == Failure.UNREACHABLE) {
        lease.evict();
      }
      return report(failure.failure(), target + ": " + failure.getMessage());
    } catch (HostFailure failure) {
      return report(Failure.UNREACHABLE, target + ": " + failure.getMessage());
    } finally {
      reservation.close();
      lease.close();
    }
  }

  private SyncManifest list(SessionPool.Lease lease) throws SyncFailure, InterruptedException {
    var listing = new Deadline(deadline.startNanos(), Math.min(deadline.endNanos(),
        System.nanoTime() + settings.listingTimeout().toNanos()));
    var body = new LinkedHashMap<String, Object>();
    body.put("mode", "list");
    body.put("roots", roots);
    body.put("max_entries", settings.maxEntries());
    try (var channel = TransferStreams.open(sync, lease, body, listing)) {
      return ListingReader.read(channel, roots, paths, settings);
    } catch (SyncFailure failure) {
      if (failure.failure() == Failure.TIMEOUT && !deadline.expired()) {
        throw new SyncFailure(Failure.TIMEOUT, "the listing took longer than "
            + settings.listingTimeout().toSeconds() + " s");
      }
      throw failure;
    }
  }

  private void copyAll(SessionPool.Lease lease, SyncManifest manifest)
      throws SyncFailure, InterruptedException {
    missing = manifest.missing();
    manifest.problems().forEach(this::problem);
    var databaseStates = DatabaseStates.load(paths.localDir());
    List<Transfer> transfers = plan(manifest, databaseStates);
    long bytes = totalBytes(transfers);
    meter.totals(manifest.files().size(), bytes);
    meter.filesDone(unchanged);
    meter.maybeReport(true);
    reserveSpace(SpaceClaim.of(paths.localDir(), transfers, bytes));
    recordEncodedNames();
    meter.every(WRITEBACK_STEP, new EarlyWriteback(paths.localDir(), deadline)::start);
    List<Transfer> again = new ArrayList<>();
    for (TransferOutcome outcome : streams.untilSent(lease, transfers)) {
      if (!count(outcome, databaseStates, false)) {
        again.add(Transfer.copy(outcome.transfer().file(), 0));
      }
    }
    if (!again.isEmpty()) {
      meter.moreBytesExpected(again.stream().mapToLong(Transfer::bytesToReceive).sum());
      for (TransferOutcome outcome : streams.untilSent(lease, again)) {
        count(outcome, databaseStates, true);
      }
    }
    flush();
    try {
      databaseStates.save();
    } catch (IOException e) {
      problem("could not save " + MirrorPaths.STATE_FILE + ": " + e.getMessage());
    }
    meter.maybeReport(true);
  }

  /** Counts a finished transfer; false when it should be copied again. */
  private boolean count(TransferOutcome outcome, DatabaseStates states, boolean lastTry)
      throws SyncFailure {
    RemoteFile file = outcome.transfer().file();
    switch (outcome.result()) {
      case COPIED -> {
        copied++;
        if (file.sqlite()) {
          databases++;
          try {
            states.record(file);
          } catch (IOException e) {
            throw new SyncFailure(Failure.LOCAL_ERROR, "cannot read " + file.localPath());
          }
        }
        return true;
      }
      case UNCHANGED -> {
        unchanged++;
        return true;
      }
      case OVERSIZED -> {
        problem(SyncManifest.printable(file.remotePath()) + ": " + outcome.detail());
        return true; // the listing is stale or false: copying again would not help
      }
      default -> {
        if (lastTry) {
          problem(SyncManifest.printable(file.remotePath()) + ": " + outcome.detail()
              + (outcome.result() == Result.MISMATCH ? " (copied twice)" : " (tried twice)"));
        }
        return false;
      }
    }
  }

  private List<Transfer> plan(SyncManifest manifest, DatabaseStates states) throws SyncFailure {
    var transfers = new ArrayList<Transfer>();
    for (RemoteFile file : manifest.files()) {
      try {
        if (file.sqlite()) {
          if (!request.rehashAll() && states.unchanged(file)) {
            unchanged++;
          } else {
            transfers.add(Transfer.copy(file, 0));
          }
          continue;
        }
        var local = LocalFiles.regular(file.localPath());
        if (local != null && local.size() == file.size() && LocalFiles.sameTime(
            local.lastModifiedTime().to(TimeUnit.NANOSECONDS), file.mtimeNanos())) {
          if (request.rehashAll()) {
            transfers.add(Transfer.verify(file));
          } else {
            unchanged++;
          }
          continue;
        }
        transfers.add(Transfer.copy(file, resumableBytes(file)));
      } catch (IOException e) {
        throw new SyncFailure(Failure.LOCAL_ERROR, "cannot read " + file.localPath() + ": "
            + e.getMessage());
      }
    }
    return transfers;
  }

  /** The bytes of a part left by an interrupted pull of the same version of the file. */
  private static long resumableBytes(RemoteFile file) {
    var part = LocalFiles.regular(MirrorPaths.partOf(file.localPath()));
    if (part == null || part.size() <= 0 || part.size() >= file.size()) {
      return 0;
    }
    return LocalFiles.sameTime(part.lastModifiedTime().to(TimeUnit.NANOSECONDS), file.mtimeNanos())
        ? part.size() : 0;
  }

  /** Claims the local space for what the pull writes, checked before anything is written. */
  private void reserveSpace(SpaceClaim claim) throws SyncFailure {
    reservation = sync.reservations().reserve(paths.localDir(), claim, settings.spaceMargin());
  }

  /** The bytes to receive, summed with overflow checks: the sizes are the host's word. */
  private static long totalBytes(List<Transfer> transfers) throws SyncFailure {
    long total = 0;
    try {
      for (Transfer transfer : transfers) {
        total = Math.addExact(total, transfer.bytesToReceive());
      }
    } catch (ArithmeticException overflow) {
      throw new SyncFailure(Failure.OVER_QUOTA, "the host lists more bytes to copy than can be "
          + "counted (over 2^63); nothing was copied");
    }
    return total;
  }

  /** Before any file lands under an encoded name, the name it stands for is on disk. */
  private void recordEncodedNames() throws SyncFailure {
    LocalNames.record(paths.localDir(), paths.encodedNames());
  }

  /** One flush of the local file system for everything written (syncfs), else file by file. */
  private void flush() throws SyncFailure, InterruptedException {
    List<Path> written = streams.written();
    if (written.isEmpty()) {
      return;
    }
    if (LocalFlush.syncFileSystem(paths.localDir(), deadline)) {
      return;
    }
    for (Path file : written) {
      LocalFlush.force(file);
    }
  }

  private void problem(String text) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(text);
    }
  }

  private SyncReport report(Failure failure, String detail) {
    return new SyncReport(copied, unchanged, meter.bytesReceived(), databases, missing, failure,
        detail, problems, deadline.elapsed());
  }
}
