package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crontab installer against a stand-in {@code crontab} that keeps its table in a file and can
 * be told how to fail: it keeps every line there, writes nothing when it cannot read them, and
 * quotes its paths so that cron and the shell land in the right folder. Each test has a bound, so
 * an installer blocked on a pipe fails the build instead of hanging it.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class CrontabInstallerTest {
  private static final String SCHEDULE = "*/15 * * * *";
  private static final String VERB = "keepalive --auto";
  private static final String TAIL = " keepalive --auto >> var/keepalive.log 2>&1";
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final byte[] TABLE =
      "0 3 * * * /usr/bin/backup\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private Path table;
  private Path calls;
  private Path jar;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    table = dir.resolve("table");
    calls = dir.resolve("calls");
    jar = dir.resolve("vastbot.jar");
    Files.write(table, TABLE);
  }

  @Test
  void refusesWhenListingFailsForAnotherReason_andLeavesTheCrontabAsItWas() throws Exception {
    var crontab = standIn("echo 'crontab: cannot open /var/spool: Permission denied' >&2; exit 1");

    assertEquals(FailureReporter.EXIT_FAILED, install(crontab, dir));

    assertEquals("vastbot: could not read the crontab, so left it as it was: `" + crontab
        + " -l` exited with 1: crontab: cannot open /var/spool: Permission denied\n", err());
    assertArrayEquals(TABLE, Files.readAllBytes(table));
    assertEquals(List.of("-l"), Files.readAllLines(calls));
  }

  @Test
  void refusesWhenListingExitsWithAnotherCode() throws Exception {
    var crontab = standIn("echo 'no crontab for root' >&2; exit 2");

    assertEquals(FailureReporter.EXIT_FAILED, install(crontab, dir));

    assertTrue(err().contains("`" + crontab + " -l` exited with 2: no crontab for root"), err());
    assertArrayEquals(TABLE, Files.readAllBytes(table));
    assertEquals(List.of("-l"), Files.readAllLines(calls));
  }

  @Test
  void refusesWhenTheProgramIsMissing() throws Exception {
    assertEquals(FailureReporter.EXIT_FAILED, install(dir.resolve("no-such-crontab"), dir));

    assertTrue(err().startsWith("vastbot: could not read the crontab, so left it as it was: "),
        err());
    assertTrue(err().contains("no-such-crontab") && err().contains("is cron installed?"), err());
  }

  @Test
  void refusesWhenListingHangs_withinTheDeadline_andStopsTheProgram() throws Exception {
    Path pid = dir.resolve("pid");
    var crontab = standIn("echo $$ > '" + pid + "'; exec sleep 1000");

    long start = System.nanoTime();
    int exitCode = install(crontab, dir);
    var took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(FailureReporter.EXIT_FAILED, exitCode);
    assertTrue(took.compareTo(DEADLINE.plusSeconds(3)) < 0, "took " + took);
    assertEquals("vastbot: could not read the crontab, so left it as it was: `" + crontab
        + " -l` did not answer within 2 s and was stopped\n", err());
    assertArrayEquals(TABLE, Files.readAllBytes(table));
    long hung = Long.parseLong(Files.readString(pid).strip());
    assertFalse(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false), "still runs");
  }

  @Test
  void stopsWhatAHangingListingStarted() throws Exception {
    Path pid = dir.resolve("pid");
    var crontab = standIn("sleep 1000 & echo $! > '" + pid + "'; wait");

    assertEquals(FailureReporter.EXIT_FAILED, install(crontab, dir));

    long child = Long.parseLong(Files.readString(pid).strip());
    Eventually.await("the child of the crontab program stops",
        () -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
  }

  @ParameterizedTest
  @ValueSource(strings = {"no crontab for root", "No Crontab For alice"})
  void takesNoCrontabForUserAsAnEmptyOne(String message) throws Exception {
    Files.delete(table);
    var crontab = standIn("echo '" + message + "' >&2; exit 1");

    assertEquals(0, install(crontab, dir), err());

    String line = SCHEDULE + " cd " + dir + " && java -jar " + jar + TAIL;
    assertEquals(line + "\n", Files.readString(table));
    assertEquals("added to crontab: " + line + "\n", out());
  }

  @Test
  void readsACrontabThatPrintsMegabytesOnBothStreams() throws Exception {
    byte[] big = "# a long comment line\n".repeat(150_000).getBytes(StandardCharsets.UTF_8);
    Files.write(table, big);
    var crontab = standIn("cat '" + table + "'; yes 'crontab: warning' | head -c 3000000 >&2");

    assertEquals(0, install(crontab, dir), err());

    byte[] written = Files.readAllBytes(table);
    assertEquals(big.length + line(dir).length() + 1, written.length);
    assertTrue(new String(written, StandardCharsets.UTF_8).endsWith("\n" + line(dir) + "\n"));
  }

  static Stream<Arguments> workingDirectories() {
    return Stream.of(
        Arguments.of("my work", "'DIR/my work'"),
        Arguments.of("100% busy", "'DIR/100\\% busy'"),
        Arguments.of("it's", "'DIR/it'\\''s'"),
        Arguments.of("back\\%slash", "'DIR/back\\''\\%slash'"));
  }

  @ParameterizedTest
  @MethodSource("workingDirectories")
  void quotesTheWorkingDirectoryForCronAndTheShell(String name, String word) throws Exception {
    Files.delete(table);

    assertEquals(0, install(standIn(), dir.resolve(name)), err());

    String quoted = word.replace("DIR", dir.toString());
    assertEquals(SCHEDULE + " cd " + quoted + " && java -jar " + jar + TAIL + "\n",
        Files.readString(table));
  }

  @ParameterizedTest
  @ValueSource(strings = {"my work", "100% busy", "it's", "back\\%slash", "two\\\\%", "%%",
      "$(touch pwned) `touch pwned` ; touch pwned", "ends with backslash\\"})
  void theInstalledLineRunsTheJarFromTheWorkingDirectory(String name) throws Exception {
    Path workDir = Files.createDirectories(dir.resolve(name).resolve("var")).getParent();
    jar = workDir.resolve("vast bot%'s.jar");
    Files.delete(table);

    assertEquals(0, install(standIn(), workDir), err());

    String line = Files.readString(table).strip();
    assertEquals(List.of(workDir.toString(), "-jar", jar.toString(), "keepalive", "--auto"),
        runAsCronWould(line));
    assertFalse(Files.exists(workDir.resolve("pwned")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil\n* * * * * touch /tmp/pwned", "carriage\rreturn", "bell\u0007"})
  void refusesAWorkingDirectoryWithAControlCharacter_andRunsNothing(String name)
      throws Exception {
    assertEquals(FailureReporter.EXIT_FAILED, install(standIn(), dir.resolve(name)));

    assertTrue(err().startsWith(
        "vastbot: left the crontab as it was: the working directory holds "), err());
    assertArrayEquals(TABLE, Files.readAllBytes(table));
    assertFalse(Files.exists(calls), "the crontab program ran");
  }

  @Test
  void namesTheNewlineItRefuses() throws Exception {
    install(standIn(), dir.resolve("a\nb"));

    assertEquals("vastbot: left the crontab as it was: the working directory holds a newline, "
        + "which cannot go into a crontab line: " + dir + "/a?b\n", err());
  }

  @Test
  void refusesAJarPathWithANewline() throws Exception {
    jar = dir.resolve("vast\nbot.jar");

    assertEquals(FailureReporter.EXIT_FAILED, install(standIn(), dir));

    assertTrue(err().contains("the jar path holds a newline"), err());
    assertFalse(Files.exists(calls), "the crontab program ran");
  }

  @Test
  void keepsEveryLineThatWasThere_byteForByte() throws Exception {
    var before = new ByteArrayOutputStream();
    before.writeBytes(("SHELL=/bin/bash\nMAILTO=ops@example.com\n# nightly backup\n"
        + "0 3 * * * /usr/bin/backup --all 2>&1 | logger\n\n# caf")
        .getBytes(StandardCharsets.UTF_8));
    before.write(0xE9);
    before.writeBytes(" (Latin-1)\n@reboot /opt/start.sh".getBytes(StandardCharsets.UTF_8));
    Files.write(table, before.toByteArray());

    assertEquals(0, install(standIn(), dir), err());

    var expected = new ByteArrayOutputStream();
    expected.writeBytes(before.toByteArray());
    expected.writeBytes(("\n" + line(dir) + "\n").getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(table));
  }

  @Test
  void addsTheLineOnce_evenWhenItIsQuoted() throws Exception {
    Path workDir = dir.resolve("100% my work");
    jar = workDir.resolve("vast bot.jar");
    var crontab = standIn();

    assertEquals(0, install(crontab, workDir), err());
    out.reset();
    assertEquals(0, install(crontab, workDir), err());

    String line = Files.readString(table).lines().reduce((first, last) -> last).orElseThrow();
    assertEquals("crontab already has: " + line + "\n", out());
    assertEquals(1, Files.readString(table).lines().filter(l -> l.contains(VERB)).count());
    assertEquals(List.of("-l", "-", "-l"), Files.readAllLines(calls));
  }

  @Test
  void reportsAFailedWrite() throws Exception {
    var crontab = standIn("cat '" + table + "'",
        "cat > /dev/null; echo \"crontab: errors in crontab file, can't install.\" >&2; exit 1");

    assertEquals(FailureReporter.EXIT_FAILED, install(crontab, dir));

    assertEquals("vastbot: could not write the crontab: `" + crontab + " -` exited with 1: "
        + "crontab: errors in crontab file, can't install.\n", err());
    assertEquals("", out());
  }

  private int install(Path crontab, Path workDir) throws Exception {
    var context = new CliContext(Map.of("CRONTAB", crontab.toString()), dir,
        InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    return new CrontabInstaller(context, workDir, jar, DEADLINE).install(VERB, SCHEDULE);
  }

  private String line(Path workDir) {
    return SCHEDULE + " cd " + workDir + " && java -jar " + jar + TAIL;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Like crontab(1): the table, or "no crontab for root" when there is none. */
  private Path standIn() throws Exception {
    return standIn("if [ -f '" + table + "' ]; then cat '" + table + "'; "
        + "else echo 'no crontab for root' >&2; exit 1; fi");
  }

  private Path standIn(String listing) throws Exception {
    return standIn(listing, "cat > '" + table + "'");
  }

  /** A crontab(1) that logs its argument: {@code -l} runs LISTING, {@code -} STORING. */
  private Path standIn(String listing, String storing) throws Exception {
    Path program = dir.resolve("crontab");
    Files.writeString(program, "#!/bin/bash\n"
        + "echo \"$1\" >> '" + calls + "'\n"
        + "if [ \"$1\" = -l ]; then\n" + listing + "\nelse\n" + storing + "\nfi\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    return program;
  }

  /**
   * What a cron job of LINE records when {@code java} only writes down its folder and arguments:
   * cron cuts the command at the first unescaped {@code %}, turns {@code \%} into {@code %}, and
   * hands the rest to /bin/sh.
   */
  private List<String> runAsCronWould(String line) throws Exception {
    Path record = dir.resolve("record");
    String java = "java() { printf '%s\\n' \"$PWD\" \"$@\" > \"$RECORD\"; }\n";
    var shell = new ProcessBuilder("/bin/sh", "-c", java + cronCommand(line))
        .redirectErrorStream(true).redirectOutput(dir.resolve("shell.out").toFile());
    shell.environment().put("RECORD", record.toString());
    Process process = shell.start();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the shell did not finish");
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("shell.out")));
    return Files.readAllLines(record);
  }

  /** The command part of a crontab LINE as cron (cronie's do_command.c) passes it to the shell. */
  private static String cronCommand(String line) {
    var command = new StringBuilder();
    boolean escaped = false;
    for (char c : line.substring(SCHEDULE.length() + 1).toCharArray()) {
      if (escaped) {
        escaped = false;
        if (c == '%') {
          command.setCharAt(command.length() - 1, '%');
          continue;
        }
      } else if (c == '%') {
        break;
      } else if (c == '\\') {
        escaped = true;
      }
      command.append(c);
    }
    return command.toString();
  }
}
