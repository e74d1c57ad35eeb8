package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vastbot.fleet.port.SyncProgress.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SyncProgressPrinterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTerminalGetsOneBarRedrawnInPlace() {
    var printer = new SyncProgressPrinter(out, true, "vast-7", Duration.ofSeconds(5), nanos::get);

    printer.update(new Status(1, 4, 512L << 20, 1024L << 20, 100 << 20, Duration.ofSeconds(5)));
    printer.update(new Status(4, 4, 1024L << 20, 1024L << 20, 100 << 20, Duration.ZERO));
    printer.finish();

    assertEquals("\rvast-7 [############------------]  50% 1/4 files, 512.0 MiB/1.0 GiB, "
        + "100.0 MiB/s, 0m05s left\033[K"
        + "\rvast-7 [########################] 100% 4/4 files, 1.0 GiB/1.0 GiB, 100.0 MiB/s, "
        + "0m00s left\033[K\n", printed());
  }

  @Test
  void elsewherePlainLinesAtMostEveryIntervalAndTheLastOne() {
    var printer = new SyncProgressPrinter(out, false, "vast-7", Duration.ofSeconds(5), nanos::get);

    printer.update(new Status(0, 10, 0, 2048, 0, null));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    printer.update(new Status(5, 10, 1024, 2048, 1024, Duration.ofSeconds(1)));
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    printer.update(new Status(6, 10, 1536, 2048, 1024, Duration.ofSeconds(1)));
    printer.update(new Status(10, 10, 2048, 2048, 1024, Duration.ZERO));
    printer.finish();

    assertEquals(String.join("\n",
        "vast-7: 0/10 files, 0 B/2.0 KiB, 0 B/s, ? left",
        "vast-7: 6/10 files, 1.5 KiB/2.0 KiB, 1.0 KiB/s, 0m01s left",
        "vast-7: 10/10 files, 2.0 KiB/2.0 KiB, 1.0 KiB/s, 0m00s left", ""), printed());
  }
}
