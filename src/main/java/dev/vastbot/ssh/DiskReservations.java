package dev.vastbot.ssh;

import dev.vastbot.fleet.sync.SyncReport.Failure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local disk space every running pull of this process has claimed. A pull reserves the bytes
 * it will copy, and a block per file and folder it creates ({@link SpaceClaim}), before it writes
 * any, and the reservation holds until it ends: a pull is refused when its data bytes exceed {@link
 * SpaceLimits#maxBytesPerInstance()}, or when the store's usable space, less what the other pulls
 * reserved and less its own claim, would fall below the floor
 * ({@link SpaceLimits#keepFreePercent()} of the store's size, and at least the pull's margin). A
 * running pull's bytes count in full even as it writes them (they are then also gone from the
 * usable space): the check errs on the safe side. Every pull of the process must share one
 * instance; all sync folders are taken to be on one disk.
 *
 * <p>Thread-safe.
 */
final class DiskReservations {
  private final FreeSpace freeSpace;
  private final SpaceLimits limits;
  private long reserved;

  DiskReservations(FreeSpace freeSpace, SpaceLimits limits) {
    this.freeSpace = Objects.requireNonNull(freeSpace, "freeSpace");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A reservation that holds nothing (before a pull has reserved). */
  static Reservation none() {
    return new Reservation(null, 0);
  }

  /**
   * Reserves {@code claim} for a pull into {@code dir}: its data bytes count against the quota,
   * its data and entries ({@link SpaceClaim#totalBytes()}) against the free space. A pull that
   * writes nothing at all (every file unchanged or only verified) is never refused: it cannot take
   * the last free bytes, and refusing it would keep a fully copied instance from its termination
   * (and billing).
   *
   * @throws SyncFailure {@link Failure#OVER_QUOTA} above the per-instance quota, {@link
   *     Failure#LOCAL_DISK_FULL} when it would leave less than the floor free, {@link
   *     Failure#LOCAL_ERROR} when the free space cannot be read; the message has the figures
   */
  synchronized Reservation reserve(Path dir, SpaceClaim claim, long margin) throws SyncFailure {
    if (claim.dataBytes() < 0 || margin < 0) {
      throw new IllegalArgumentException("negative bytes " + claim.dataBytes() + " or margin "
          + margin);
    }
    if (claim.dataBytes() > limits.maxBytesPerInstance()) {
      throw new SyncFailure(Failure.OVER_QUOTA, "the copy needs " + mib(claim.dataBytes())
          + " MiB, more than sync.max_bytes_per_instance (" + mib(limits.maxBytesPerInstance())
          + " MiB)");
    }
    if (claim.writesNothing()) {
      return new Reservation(this, 0);
    }
    long bytes = claim.totalBytes();
    FreeSpace.Space space = space(dir);
    long floor = limits.floorBytes(space.totalBytes(), margin);
    long left = leftAfter(space.usableBytes(), bytes);
    if (left < floor) {
      throw new SyncFailure(Failure.LOCAL_DISK_FULL, "the copy needs " + mib(bytes) + " MiB ("
          + mib(claim.dataBytes()) + " MiB of data and " + kib(claim.entryBytes()) + " KiB for "
          + count(claim.files(), "file") + " and " + count(claim.folders(), "folder") + " at "
          + SpaceClaim.ENTRY_BYTES / 1024 + " KiB each); other pulls have " + mib(reserved)
          + " MiB reserved and " + mib(space.usableBytes()) + " MiB are free at " + dir + ", and "
          + mib(floor) + " MiB must stay free (the larger of sync.keep_free_percent "
          + limits.keepFreePercent() + " % of " + mib(space.totalBytes()) + " MiB and a margin of "
          + mib(margin) + " MiB)");
    }
    reserved += bytes;
    return new Reservation(this, bytes);
  }

  private long leftAfter(long usable, long bytes) {
    try {
      return Math.subtractExact(Math.subtractExact(usable, reserved), bytes);
    } catch (ArithmeticException overflow) {
      return Long.MIN_VALUE;
    }
  }

  /** Bytes reserved by running pulls. */
  synchronized long reserved() {
    return reserved;
  }

  private FreeSpace.Space space(Path dir) throws SyncFailure {
    try {
      return freeSpace.of(dir);
    } catch (IOException e) {
      throw new SyncFailure(Failure.LOCAL_ERROR, "cannot tell the free space at " + dir + ": "
          + e.getMessage());
    }
  }

  private synchronized void release(long bytes) {
    reserved -= bytes;
  }

  private static long kib(long bytes) {
    return bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static long mib(long bytes) {
    return bytes / (1 << 20) + (bytes % (1 << 20) == 0 ? 0 : 1);
  }

  /** One pull's claim; {@link #close()} gives it back (once). Not thread-safe. */
  static final class Reservation implements AutoCloseable {
    private final DiskReservations ledger;
    private final long bytes;
    private boolean released;

    private Reservation(DiskReservations ledger, long bytes) {
      this.ledger = ledger;
      this.bytes = bytes;
    }

    @Override
    public void close() {
      if (!released && ledger != null) {
        ledger.release(bytes);
      }
      released = true;
    }
  }
}
