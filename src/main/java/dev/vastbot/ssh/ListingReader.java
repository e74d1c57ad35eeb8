package dev.vastbot.ssh;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.vastbot.fleet.sync.SyncReport.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the host's listing ({@code VBM1 <length>\n<json>}) from a {@link SyncChannel} as a stream:
 * the declared length is checked against {@link SyncSettings#maxManifestBytes()} and then only
 * bounds how far the channel is read; nothing is allocated from it. The JSON is parsed as it
 * arrives ({@link ManifestParser}). Not thread-safe: one call reads one channel.
 */
final class ListingReader {
  private static final int MAX_HEADER = 32;

  private ListingReader() {}

  /**
   * The listing on {@code channel}.
   *
   * @throws SyncFailure {@link Failure#REMOTE_ERROR} for a listing that is malformed or breaks a
   *     bound, or whatever reading the channel failed with
   */
  static SyncManifest read(SyncChannel channel, List<String> roots, MirrorPaths paths,
      SyncSettings settings) throws SyncFailure, InterruptedException {
    long declared = readHeader(channel);
    if (declared > settings.maxManifestBytes()) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the host's listing (" + declared
          + " bytes) is larger than the " + settings.maxManifestBytes() + " allowed; narrow"
          + " sync.paths");
    }
    var body = new ChannelInput(channel, declared);
    try {
      return ManifestParser.parse(body, roots, paths, settings.maxEntries());
    } catch (ChannelInput.ReadFailure failure) {
      throw failure.unwrap();
    } catch (StreamConstraintsException e) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the host's listing breaks a bound: "
          + SyncManifest.printable(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SyncFailure(Failure.REMOTE_ERROR, "the host's listing is not valid JSON"
          + (body.ended() ? " (it ends within its declared " + declared + " bytes)" : ""));
    }
  }

  private static long readHeader(SyncChannel channel) throws SyncFailure, InterruptedException {
    var header = new StringBuilder();
    byte[] one = new byte[1];
    while (true) {
      channel.readFully(one, 0, 1, "the listing");
      if (one[0] == '\n') {
        break;
      }
      header.append((char) (one[0] & 0xff));
      if (header.length() > MAX_HEADER) {
        throw noHeader();
      }
    }
    String[] parts = header.toString().split(" ");
    if (parts.length != 2 || !parts[0].equals("VBM1") || !parts[1].matches("[0-9]{1,18}")) {
      throw noHeader();
    }
    return Long.parseLong(parts[1]);
  }

  private static SyncFailure noHeader() {
    return new SyncFailure(Failure.REMOTE_ERROR, "the host's listing has no valid header");
  }

  /**
   * The channel's next {@code limit} bytes as an {@link InputStream}, read as they are asked
   * for; a read of the channel that fails comes out as a {@link ReadFailure}.
   */
  private static final class ChannelInput extends InputStream {
    private final SyncChannel channel;
    private long left;
    private boolean ended;

    ChannelInput(SyncChannel channel, long limit) {
      this.channel = channel;
      this.left = limit;
    }

    boolean ended() {
      return ended;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (left == 0) {
        ended = true;
        return -1;
      }
      try {
        int n = channel.read(into, offset, (int) Math.min(length, left));
        if (n < 0) {
          throw new ReadFailure(channel.ended("the rest of the listing"), null);
        }
        left -= n;
        return n;
      } catch (SyncFailure failure) {
        throw new ReadFailure(failure, null);
      } catch (InterruptedException interrupt) {
        throw new ReadFailure(null, interrupt);
      }
    }

    /** Reading the channel failed; carries the failure through the JSON parser. */
    static final class ReadFailure extends IOException {
      private static final long serialVersionUID = 1L;
      private final transient SyncFailure failure;
      private final transient InterruptedException interrupt;

      ReadFailure(SyncFailure failure, InterruptedException interrupt) {
        super(null, null);
        this.failure = failure;
        this.interrupt = interrupt;
      }

      SyncFailure unwrap() throws InterruptedException {
        if (interrupt != null) {
          throw interrupt;
        }
        return failure;
      }
    }
  }
}
