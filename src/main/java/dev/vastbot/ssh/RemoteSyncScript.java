package dev.vastbot.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The python3 program the sync runs on the instance ({@code sync_remote.py} beside this class):
 * the command line is fixed and names no path; the program and its request (JSON, holding every
 * path) go to its stdin, so no host or configured text is ever part of a command line.
 */
final class RemoteSyncScript {
  /** Reads a length line, then that many bytes of program, and runs it; the request follows. */
  static final String COMMAND = "exec python3 -c 'import sys; i = sys.stdin.buffer; "
      + "exec(compile(i.read(int(i.readline())), \"vastbot-sync\", \"exec\"))'";

  private final byte[] program;

  RemoteSyncScript(String program) {
    this.program = Objects.requireNonNull(program, "program").getBytes(StandardCharsets.UTF_8);
  }

  /** The program shipped in the jar. */
  static RemoteSyncScript standard() {
    return new RemoteSyncScript(standardText());
  }

  static String standardText() {
    try (InputStream in = RemoteSyncScript.class.getResourceAsStream("sync_remote.py")) {
      if (in == null) {
        throw new IllegalStateException("sync_remote.py is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What to write to the command's stdin: the program, then {@code requestJson} as one line. */
  byte[] stdin(byte[] requestJson) {
    var out = new ByteArrayOutputStream(program.length + requestJson.length + 16);
    out.writeBytes((program.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(program);
    out.writeBytes(requestJson);
    out.write('\n');
    return out.toByteArray();
  }
}
