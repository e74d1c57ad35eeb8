package dev.vastbot.ssh;

import dev.vastbot.fleet.sync.SyncReport.Failure;
import dev.vastbot.ssh.TransferOutcome.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.sqlite.ProgressHandler;

/**
 * Reads one stream of framed files (see {@code sync_remote.py}) and writes each to {@code
 * <name>.vastbot-part}, hashing as it goes (a resumed part is hashed from disk first); a file whose
 * SHA-256 equals the host's, and, for a database, that passes {@code PRAGMA integrity_check}, gets
 * the host's modification time and is renamed to its real name. When the stream stops mid-file the
 * part is flushed and stamped with the listed modification time, so the next pull can resume it.
 * Not thread-safe: one per stream.
 */
final class FileReceiver {
  static final int MAX_FRAME = 4 << 20;
  /** SQLite virtual-machine steps between two looks at the deadline during integrity_check. */
  private static final int CHECK_STEPS = 1000;

  private final SyncChannel channel;
  private final MirrorPaths paths;
  private final ProgressMeter meter;
  private final Deadline deadline;
  private final boolean reportsProgress;
  private final byte[] buffer = new byte[MAX_FRAME];
  private final byte[] header = new byte[48];
  private final MessageDigest sha256;
  private final List<Path> written = new ArrayList<>();

  /** {@code deadline} is the pull's: it bounds the local work too (integrity check, hashing). */
  FileReceiver(SyncChannel channel, MirrorPaths paths, ProgressMeter meter, Deadline deadline,
      boolean reportsProgress) {
    this.channel = channel;
    this.paths = paths;
    this.meter = meter;
    this.deadline = deadline;
    this.reportsProgress = reportsProgress;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Files renamed to their real name (to flush at the end). */
  List<Path> written() {
    return written;
  }

  List<TransferOutcome> receiveAll(List<Transfer> transfers)
      throws SyncFailure, InterruptedException {
    var outcomes = new ArrayList<TransferOutcome>(transfers.size());
    for (int index = 0; index < transfers.size(); index++) {
      channel.measureRate(isPromptlySent(transfers.get(index)));
      byte type = readType("the next file");
      if (type != 'F') {
        throw protocol("expected a file header, got " + describe(type));
      }
      channel.measureRate(true); // from the header to the file's end: nothing left to prepare
      channel.readFully(header, 0, 12, "a file header");
      int sentIndex = ByteBuffer.wrap(header, 0, 4).getInt();
      long toSend = ByteBuffer.wrap(header, 4, 8).getLong();
      if (sentIndex != index) {
        throw protocol("files out of order");
      }
      Transfer transfer = transfers.get(index);
      if (toSend < 0 || toSend > mostBytes(transfer)) {
        outcomes.addAll(cutOff(transfers, index, toSend));
        return outcomes;
      }
      outcomes.add(receive(transfer, toSend));
      meter.fileDone();
      if (reportsProgress) {
        meter.maybeReport(false);
      }
    }
    channel.measureRate(true); // the host writes the end right after its last file
    if (readType("the end of the stream") != 'Z') {
      throw protocol("the stream did not end after its last file");
    }
    return outcomes;
  }

  /**
   * Whether the host writes this transfer's header at once: a plain new copy (not a database to
   * snapshot, not a part to hash from its start, not a file to verify). Only before the header of
   * the others may the host be honestly silent, so only then is the rate floor's clock stopped; a
   * host that sends 0-byte files (or a header's bytes) just inside the stall timer meets the floor.
   */
  static boolean isPromptlySent(Transfer transfer) {
    return !transfer.file().sqlite() && transfer.offset() == 0 && !transfer.verifyOnly();
  }

  /**
   * The most bytes a file may bring: exactly what the listing said is left of it; a database's
   * snapshot (its {@code -wal} folded in) at most its listed main file and {@code -wal} together.
   */
  private static long mostBytes(Transfer transfer) {
    return transfer.bytesToReceive();
  }

  /**
   * The host offered more of {@code transfers[index]} than it listed: that file is refused and the
   * stream is read no further (its data cannot be skipped without reading it); the files after it
   * are left for a fresh stream. Returns the outcomes of that file and of those after it.
   */
  private List<TransferOutcome> cutOff(List<Transfer> transfers, int index, long offered) {
    var outcomes = new ArrayList<TransferOutcome>(transfers.size() - index);
    Transfer transfer = transfers.get(index);
    meter.moreBytesExpected(-transfer.bytesToReceive()); // none of them will come
    outcomes.add(new TransferOutcome(transfer, Result.OVERSIZED, "the host offered " + offered
        + " bytes, not the " + transfer.bytesToReceive() + " it listed; refused, nothing written"));
    for (int next = index + 1; next < transfers.size(); next++) {
      outcomes.add(new TransferOutcome(transfers.get(next), Result.NOT_SENT, ""));
    }
    return outcomes;
  }

  private TransferOutcome receive(Transfer transfer, long toSend)
      throws SyncFailure, InterruptedException {
    RemoteFile file = transfer.file();
    meter.moreBytesExpected(toSend - transfer.bytesToReceive()); // a snapshot's size is known now
    Path target = transfer.verifyOnly() ? file.localPath() : MirrorPaths.partOf(file.localPath());
    sha256.reset();
    FileChannel out = null;
    boolean complete = false;
    try {
      if (transfer.verifyOnly()) {
        hashExisting(target, transfer.offset());
      } else {
        paths.prepareParent(file.localPath());
        out = openPart(target, transfer.offset());
      }
      TransferOutcome outcome = receiveBody(transfer, toSend, out);
      complete = true;
      if (out != null) {
        out.close();
        out = null;
      }
      if (outcome.result() == Result.COPIED) {
        return install(transfer, target, outcome);
      }
      if (!transfer.verifyOnly()) {
        Files.deleteIfExists(target); // wrong or changing data: the retry starts over
      }
      return outcome;
    } catch (IOException e) {
      throw new SyncFailure(Failure.LOCAL_ERROR, "writing " + target + " failed: " + e.getMessage());
    } finally {
      if (out != null) {
        keepForResume(out, target, file, complete);
      }
    }
  }

  private TransferOutcome receiveBody(Transfer transfer, long toSend, FileChannel out)
      throws SyncFailure, InterruptedException, IOException {
    long received = 0;
    while (true) {
      byte type = readType("file data");
      switch (type) {
        case 'D' -> {
          channel.readFully(header, 0, 4, "file data");
          int length = ByteBuffer.wrap(header, 0, 4).getInt();
          if (length < 0 || length > MAX_FRAME || received + length > toSend) {
            throw protocol("a data frame of " + length + " bytes does not fit");
          }
          channel.readFully(buffer, 0, length, "file data");
          sha256.update(buffer, 0, length);
          write(out, ByteBuffer.wrap(buffer, 0, length));
          received += length;
          meter.received(length);
          if (reportsProgress) {
            meter.maybeReport(false);
          }
        }
        case 'E' -> {
          channel.readFully(header, 0, 48, "a file's checksum");
          channel.measureRate(false);
          if (received != toSend) {
            throw protocol("a file ended after " + received + " of " + toSend + " bytes");
          }
          if (!transfer.file().sqlite() && toSend != transfer.bytesToReceive()) {
            return new TransferOutcome(transfer, Result.REMOTE_FAILED, "changed since the listing "
                + "(sent " + toSend + " of the " + transfer.bytesToReceive() + " bytes listed)");
          }
          byte[] remote = Arrays.copyOfRange(header, 0, 32);
          long mtime = ByteBuffer.wrap(header, 40, 8).getLong();
          return MessageDigest.isEqual(remote, sha256.digest())
              ? new TransferOutcome(transfer, transfer.verifyOnly() ? Result.UNCHANGED : Result.COPIED,
                  Long.toString(mtime))
              : new TransferOutcome(transfer, Result.MISMATCH, "SHA-256 differs from the host's");
        }
        case 'X' -> {
          channel.readFully(header, 0, 4, "a file's error");
          int length = ByteBuffer.wrap(header, 0, 4).getInt();
          if (length < 0 || length > 4096) {
            throw protocol("an error frame of " + length + " bytes");
          }
          channel.readFully(buffer, 0, length, "a file's error");
          channel.measureRate(false);
          return new TransferOutcome(transfer, Result.REMOTE_FAILED,
              SyncManifest.printable(new String(buffer, 0, length, StandardCharsets.UTF_8)));
        }
        default -> throw protocol("unexpected " + describe(type) + " in file data");
      }
    }
  }

  private TransferOutcome install(Transfer transfer, Path part, TransferOutcome outcome)
      throws IOException, SyncFailure, InterruptedException {
    RemoteFile file = transfer.file();
    if (file.sqlite()) {
      String integrity;
      try {
        integrity = integrityCheck(part, printable(file));
      } catch (SyncFailure | InterruptedException cut) {
        Files.deleteIfExists(part);
        throw cut;
      }
      if (!integrity.equals("ok")) {
        Files.deleteIfExists(part);
        return new TransferOutcome(transfer, Result.MISMATCH,
            "the copied database fails integrity_check: " + SyncManifest.printable(integrity));
      }
    }
    long mtime = file.sqlite() ? file.mtimeNanos() : Long.parseLong(outcome.detail());
    Files.setLastModifiedTime(part, FileTime.from(mtime, TimeUnit.NANOSECONDS));
    Files.setPosixFilePermissions(part, LocalModes.FILE);
    if (Files.isDirectory(file.localPath(), LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(part);
      return new TransferOutcome(transfer, Result.REMOTE_FAILED, "a local folder has its name");
    }
    try {
      Files.move(part, file.localPath(), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename within " + part.getParent(), e);
    }
    written.add(file.localPath());
    return new TransferOutcome(transfer, Result.COPIED, "");
  }

  /**
   * A cancelled pull (an interrupt) is an {@link InterruptedException}, never a local write error:
   * an interrupt closes a {@link FileChannel} under a write, so it is checked first and the close
   * is turned back into what it means.
   */
  private static void write(FileChannel out, ByteBuffer data)
      throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while receiving");
    }
    try {
      while (data.hasRemaining()) {
        out.write(data);
      }
    } catch (ClosedByInterruptException e) {
      Thread.interrupted(); // the exception is the interrupt now
      throw new InterruptedException("interrupted while writing");
    }
  }

  private FileChannel openPart(Path part, long offset) throws IOException, SyncFailure {
    if (offset == 0) {
      Files.deleteIfExists(part);
      return FileChannel.open(part, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          LocalModes.fileAttribute());
    }
    hashExisting(part, offset);
    FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    out.truncate(offset);
    out.position(offset);
    return out;
  }

  private void hashExisting(Path file, long length) throws IOException, SyncFailure {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException(file + " is shorter than expected");
        }
        sha256.update(buffer, 0, n);
        left -= n;
        if (deadline.expired()) {
          throw new SyncFailure(Failure.TIMEOUT, "the pull's deadline passed while reading " + file);
        }
      }
    }
  }

  /** The stream stopped mid-file: keep what arrived for the next pull, marked with the listing. */
  private static void keepForResume(FileChannel out, Path part, RemoteFile file, boolean complete) {
    try {
      out.force(false);
    } catch (IOException e) {
      // closed by an interrupt: what was written is in the file, and the next pull hashes it
    }
    try {
      out.close();
      if (!complete && !file.sqlite()) {
        Files.setLastModifiedTime(part, FileTime.from(file.mtimeNanos(), TimeUnit.NANOSECONDS));
      } else {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      // the part stays with whatever time it has; the next pull starts it over
    }
  }

  /**
   * {@code PRAGMA integrity_check} of a received database: "ok", or what is wrong. SQLite's
   * progress handler ends the check when the pull's deadline passes (a crafted database can make
   * it run for hours) or the thread is interrupted.
   *
   * @throws SyncFailure TIMEOUT when the deadline passed first
   */
  private String integrityCheck(Path database, String shown) throws SyncFailure, InterruptedException {
    String uri = "jdbc:sqlite:file:" + database.toAbsolutePath().toString()
        .replace("%", "%25").replace("?", "%3f").replace("#", "%23") + "?mode=ro&immutable=1";
    try (var connection = DriverManager.getConnection(uri)) {
      ProgressHandler.setHandler(connection, CHECK_STEPS, new ProgressHandler() {
        @Override
        protected int progress() {
          return deadline.expired() || Thread.currentThread().isInterrupted() ? 1 : 0;
        }
      });
      try (var statement = connection.createStatement();
          var rows = statement.executeQuery("PRAGMA integrity_check")) {
        var result = new StringBuilder();
        while (rows.next() && result.length() < 500) {
          result.append(result.length() == 0 ? "" : "; ").append(rows.getString(1));
        }
        return result.toString();
      }
    } catch (SQLException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted during an integrity check");
      }
      if (deadline.expired()) {
        throw new SyncFailure(Failure.TIMEOUT, "the pull's deadline passed during the integrity "
            + "check of " + shown + " (not installed)");
      }
      return "cannot open: " + e.getMessage();
    }
  }

  private byte readType(String what) throws SyncFailure, InterruptedException {
    channel.readFully(header, 0, 1, what);
    return header[0];
  }

  private static String describe(byte type) {
    return "frame type " + (type & 0xff);
  }

  private static String printable(RemoteFile file) {
    return SyncManifest.printable(file.remotePath());
  }

  private static SyncFailure protocol(String message) {
    return new SyncFailure(Failure.REMOTE_ERROR, "the host's data stream is malformed: " + message);
  }
}
