package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keepalive --install-cron} adds its line once, however often it runs, and keeps the rest. */
class InstallCronTest {
  @TempDir Path dir;

  @Test
  void addsTheLineOnce_andKeepsOtherLines() throws Exception {
    Path table = dir.resolve("crontab.txt");
    Files.writeString(table, "0 3 * * * /usr/bin/backup\n");
    Path fake = dir.resolve("crontab");
    Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = -l ]; then cat " + table + "; else cat > " + table + "; fi\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    var cli = new CliHarness(Map.of("CRONTAB", fake.toString()), dir, Clock.systemUTC());

    var first = cli.run("", "keepalive", "--install-cron");
    var second = cli.run("", "keepalive", "--install-cron");

    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().startsWith("added to crontab: */15 * * * * cd "), first.out());
    assertTrue(second.out().startsWith("crontab already has:"), second.out());
    String written = Files.readString(table);
    assertTrue(written.startsWith("0 3 * * * /usr/bin/backup\n"), written);
    assertEquals(1, written.lines().filter(l -> l.contains("keepalive --auto >> var/keepalive.log")).count(), written);
  }
}
