package dev.vastbot.cli;

import dev.vastbot.fleet.port.SyncProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Draws a pull's progress for the CLI: on a terminal, one line redrawn in place ({@code \r}) with
 * a bar; otherwise (cron, a pipe, a log file) a plain line at most every {@code plainEvery}, and
 * always the last one. Call {@link #finish()} once the pull returned, to end the terminal line.
 * Used from the pulling thread only.
 */
public final class SyncProgressPrinter implements SyncProgress {
  private static final int BAR_WIDTH = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final String label;
  private final long plainEveryNanos;
  private final LongSupplier nanoTime;
  private long lastPlainNanos;
  private boolean printedPlain;
  private boolean drawn;

  SyncProgressPrinter(PrintStream out, boolean terminal, String label, Duration plainEvery,
      LongSupplier nanoTime) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
    this.label = Objects.requireNonNull(label, "label");
    this.plainEveryNanos = plainEvery.toNanos();
    this.nanoTime = nanoTime;
  }

  /** For {@code System.out}: a bar when {@code System.console()} is there, else a line every 5 s. */
  public static SyncProgressPrinter forStdout(String label) {
    return new SyncProgressPrinter(System.out, System.console() != null, label,
        Duration.ofSeconds(5), System::nanoTime);
  }

  @Override
  public void update(Status status) {
    if (terminal) {
      out.print("\r" + barLine(status) + "\033[K");
      out.flush();
      drawn = true;
      return;
    }
    long now = nanoTime.getAsLong();
    boolean done = status.filesTotal() > 0 && status.filesDone() == status.filesTotal();
    if (!printedPlain || done || now - lastPlainNanos >= plainEveryNanos) {
      out.println(plainLine(status));
      out.flush();
      lastPlainNanos = now;
      printedPlain = true;
    }
  }

  /** Ends the redrawn line on a terminal. */
  public void finish() {
    if (drawn) {
      out.println();
      out.flush();
      drawn = false;
    }
  }

  String barLine(Status status) {
    double fraction = status.bytesTotal() == 0 ? (status.filesTotal() == 0 ? 0
        : (double) status.filesDone() / status.filesTotal())
        : (double) status.bytesDone() / status.bytesTotal();
    int filled = (int) Math.round(Math.min(1, fraction) * BAR_WIDTH);
    return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s", label, "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled), fraction * 100, details(status));
  }

  String plainLine(Status status) {
    return label + ": " + details(status);
  }

  private static String details(Status status) {
    return String.format(Locale.ROOT, "%d/%d files, %s/%s, %s/s, %s left", status.filesDone(),
        status.filesTotal(), bytes(status.bytesDone()), bytes(status.bytesTotal()),
        bytes((long) status.bytesPerSecond()), eta(status.timeLeft()));
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String eta(Duration left) {
    if (left == null) {
      return "?";
    }
    long seconds = left.toSeconds();
    return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
