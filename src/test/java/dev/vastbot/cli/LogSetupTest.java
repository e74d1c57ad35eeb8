package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.vastbot.slack.SignedRequests;
import dev.vastbot.slack.SlackPayloads;
import dev.vastbot.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Where log lines go for the CLI and the server. Each test configures a logging context of its
 * own, so the test JVM's logging stays as it is (except the one test that checks the JDK's
 * own System.Logger, which needs the process's).
 */
class LogSetupTest {
  private static final LogSetup.Rotation SMALL = new LogSetup.Rotation(2_000, 2);

  @TempDir Path dir;

  private final LoggerContext context = newContext();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private static LoggerContext newContext() {
    var context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    return context;
  }

  @AfterEach
  void closeLogFiles() {
    context.stop();
  }

  private String consoleText() {
    return console.toString(StandardCharsets.UTF_8);
  }

  private List<String> logFileLines() throws IOException {
    return Files.readAllLines(dir.resolve("log/vastbot.log"));
  }

  @Test
  void cli_writesInfoToTheFile_andShowsOnlyWarningsOnStderr() throws IOException {
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
    var log = context.getLogger("dev.vastbot.ssh.PinningServerKeyVerifier");
    log.info("vast-1: pinned host key SHA256:abc");
    log.warn("vast-2: HOST KEY CHANGED");

    List<String> lines = logFileLines();
    assertEquals(2, lines.size(), lines.toString());
    String isoTime = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";
    assertTrue(lines.get(0).matches(isoTime + " INFO dev\\.vastbot\\.ssh\\.PinningServerKeyVerifier"
        + " - vast-1: pinned host key SHA256:abc"), lines.get(0));
    assertTrue(lines.get(1).contains(
        " WARN dev.vastbot.ssh.PinningServerKeyVerifier - vast-2: HOST KEY CHANGED"), lines.get(1));
    assertEquals(1, consoleText().lines().count(), consoleText());
    assertTrue(consoleText().contains(" WARN ") && consoleText().contains("HOST KEY CHANGED"), consoleText());
  }

  @Test
  void cli_verbose_showsInfoOnStderr() throws IOException {
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, true, LogSecrets.none());
    context.getLogger("dev.vastbot.vast.VastHttp")
        .info("GET /bundles/ attempt 1 failed (503); retrying in 500 ms");

    assertTrue(consoleText().contains(" INFO dev.vastbot.vast.VastHttp - GET /bundles/ attempt 1 failed"),
        consoleText());
    assertEquals(1, logFileLines().size());
  }

  @Test
  void cli_keepsLibraryAndSimulatorInfoOut_unlessVerbose() throws IOException {
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
    context.getLogger("org.apache.sshd.server.SshServer").info("start() listen on port 4242");
    context.getLogger("okhttp3.OkHttpClient").info("--> GET");
    context.getLogger("dev.vastbot.sim.host.SimHostFleet").info("sim host 7 attached");
    context.getLogger("org.apache.sshd.client.SshClient").warn("a warning still counts");
    assertEquals(List.of("a warning still counts"),
        logFileLines().stream().map(line -> line.substring(line.indexOf(" - ") + 3)).toList());

    var verbose = newContext();
    LogSetup.configureCli(verbose, console, dir.resolve("verbose"), SMALL, true, LogSecrets.none());
    verbose.getLogger("org.apache.sshd.server.SshServer").info("start() listen on port 4242");
    verbose.stop();
    assertEquals(1, Files.readAllLines(dir.resolve("verbose/vastbot.log")).size());
  }

  @Test
  void cli_writesOneLinePerEvent_evenWithLineBreaksAndStackTraces() throws IOException {
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
    context.getLogger("dev.vastbot.chat.command.CommandRouter")
        .error("/vast list failed unexpectedly\nforged: INFO line", new IllegalStateException("boom"));

    List<String> lines = logFileLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("failed unexpectedly\\nforged: INFO line | "
        + "java.lang.IllegalStateException: boom | at dev.vastbot.cli.LogSetupTest"), lines.get(0));
    assertEquals(1, consoleText().lines().count(), consoleText());
  }

  @Test
  void boltsOwnWarning_aboutASignedClickWithEscapes_leavesNoRawControlByte() throws Exception {
    var process = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      LogSetup.configureCli(process, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
      String secret = "8f742231b10e8888abcd99yyyzzz85a5";
      var app = new App(AppConfig.builder().signingSecret(secret).build());
      app.blockAction("vastbot-approve", (request, context) -> context.ack());
      String actionId = "evil\u001b[31m\r\u0007\u009b2J\u202e\nforged WARN line";
      var click = new SignedRequests(secret, Clock.systemUTC())
          .blockAction(SlackPayloads.blockAction(actionId, "1", "1.0", "https://hooks.slack.com/actions/T0/1/x"))
          .toBlockActionRequest();

      assertEquals(404, app.run(click).getStatusCode());

      String file = Files.readString(dir.resolve("log/vastbot.log"), StandardCharsets.UTF_8);
      HostileOutputCliTest.assertNoRawControl("the log file", file);
      HostileOutputCliTest.assertNoRawControl("stderr", consoleText());
      assertTrue(file.contains(" WARN com.slack.api.bolt.App - No BlockActionHandler registered for action_id: "
          + "evil\\x1b[31m\\r\\x07\\x9b2J\\u202e\\nforged WARN line"), file);
      assertTrue(file.lines().allMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")), file);
      assertEquals(1, file.lines().filter(line -> line.contains("forged WARN line")).count(), file);
    } finally {
      LogSetup.configureDefault(process, System.err, LogSecrets.none());
    }
  }

  @Test
  void aJavaUtilLoggingWarningWithEscapes_takesTheSafeLayout_andNothingRawReachesStderr() throws IOException {
    String file = withProcessLoggingAndStderrCaptured(() -> java.util.logging.Logger
        .getLogger("okhttp3.OkHttpClient")
        .warning("A connection to http://127.0.0.1/\u001b[31m\u0007 was leaked\nforged WARN line"));

    assertTrue(file.contains(" WARN okhttp3.OkHttpClient - A connection to http://127.0.0.1/\\x1b[31m\\x07"
        + " was leaked\\nforged WARN line"), file);
    assertEquals(1, file.lines().count(), file);
  }

  @Test
  void aThreadDyingOfAnExceptionWithEscapes_isLoggedAsOneSafeLine_notPrintedRaw() throws IOException {
    String file = withProcessLoggingAndStderrCaptured(() -> {
      var dying = new Thread(() -> {
        throw new IllegalStateException("boom\u001b]0;title\u0007\r\u009b2J");
      }, "vastbot-termination-9\u001b[2K");
      dying.start();
      try {
        dying.join(Eventually.BOUND.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertTrue(file.contains(" ERROR " + JdkOutputBridge.UNCAUGHT_LOGGER + " - thread vastbot-termination-9\\x1b[2K"
        + " died of an uncaught exception | java.lang.IllegalStateException: boom\\x1b]0;title\\x07\\r\\x9b2J"
        + " | at "), file);
    assertEquals(1, file.lines().count(), file);
    assertTrue(consoleText().contains("died of an uncaught exception"), consoleText());
  }

  /**
   * Runs {@code action} with the process's logging set up for the CLI and the JVM's stderr captured;
   * asserts neither the console, the captured stderr nor the log file holds a raw control byte, and
   * returns the log file.
   */
  private String withProcessLoggingAndStderrCaptured(Runnable action)
      throws IOException {
    var process = (LoggerContext) LoggerFactory.getILoggerFactory();
    var realStderr = System.err;
    var stderr = new ByteArrayOutputStream();
    var uncaught = Thread.getDefaultUncaughtExceptionHandler();
    System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      LogSetup.configureCli(process, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
      action.run();
    } finally {
      System.setErr(realStderr);
      LogSetup.configureDefault(process, System.err, LogSecrets.none());
      Thread.setDefaultUncaughtExceptionHandler(uncaught);
    }
    String file = Files.readString(dir.resolve("log/vastbot.log"), StandardCharsets.UTF_8);
    HostileOutputCliTest.assertNoRawControl("the log file", file);
    HostileOutputCliTest.assertNoRawControl("the console", consoleText());
    HostileOutputCliTest.assertNoRawControl("the JVM's stderr", stderr.toString(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void aThrowableMessageIsEscaped_butItsStackTraceIsFoldedAtItsOwnLines() throws IOException {
    LogSetup.configureServer(context, console, LogSecrets.none());
    var cause = new IllegalArgumentException("cause\u001b]0;title\u0007\n\tat forged.Frame(X.java:1)");
    var failure = new IllegalStateException("outer\r\u009b", cause);
    failure.addSuppressed(new RuntimeException("suppressed\u001b[2K"));
    context.getLogger("org.eclipse.jetty.server.HttpChannel").warn("request failed", failure);

    String line = consoleText();
    HostileOutputCliTest.assertNoRawControl("stdout", line);
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.contains(" | java.lang.IllegalStateException: outer\\r\\x9b | at "), line);
    assertTrue(line.contains("Caused by: java.lang.IllegalArgumentException: cause\\x1b]0;title\\x07\\n\\tat "
        + "forged.Frame(X.java:1) | at "), line);
    assertTrue(line.contains("Suppressed: java.lang.RuntimeException: suppressed\\x1b[2K"), line);
  }

  @Test
  void everyLineIsFreeOfTheSecrets_inEveryForm() {
    String key = "sk-live-4f1c2a9e8b7d6c5b4a3928171615aa";
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, false, LogSecrets.of(List.of(key)));
    var log = context.getLogger("okhttp3.OkHttpClient");
    var percentEncoded = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      percentEncoded.append(String.format("%%%02x", b));
    }
    log.warn("GET /bundles?api_key={} failed", key);
    log.warn("GET /bundles?api_key={} failed", percentEncoded);
    log.warn("key starts {}...", key.substring(0, 24));
    log.warn("bot token xoxb-1234567890-abcdefghijkl in a body");
    log.error("failed", new IllegalStateException("Bearer " + key.substring(3)));

    String shown = consoleText();
    assertEquals(5, shown.lines().count(), shown);
    for (String leak : List.of(key, key.substring(0, 16), key.substring(key.length() - 16),
        percentEncoded.substring(0, 48), "xoxb-1234567890")) {
      assertFalse(shown.contains(leak), leak + " in " + shown);
    }
    assertEquals(5, shown.split("<redacted>", -1).length - 1, shown);
  }

  @Test
  void logSecrets_readTheEnvironment_andSkipValuesTooShortToScrubSafely() {
    var secrets = LogSecrets.fromEnvironment(Map.of(
        "VAST_API_KEY", "0123456789abcdef0123",
        "SLACK_SIGNING_SECRET", "8f742231b10e8888abcd99yyyzzz85a5",
        "VASTBOT_DB", "jdbc:postgresql://db/fleet?user=bot&password=pg;pass#word",
        "SLACK_BOT_TOKEN", "short"));
    assertEquals("key <redacted>, secret <redacted>, db <redacted>, short",
        secrets.redact("key 0123456789abcdef0123, secret 8f742231b10e8888abcd99yyyzzz85a5, db pg;pass#word, short"));
  }

  @Test
  void cli_rotatesTheFileBySize_keepingTheConfiguredNumberOfOlderFiles() throws IOException {
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
    var log = context.getLogger("dev.vastbot.service.loop.BackgroundLoop");
    for (int i = 0; i < 200; i++) {
      log.info("loop health: tick {} recorded, a line of about a hundred bytes in all", i);
    }

    assertTrue(Files.exists(dir.resolve("log/vastbot.1.log")));
    assertTrue(Files.exists(dir.resolve("log/vastbot.2.log")));
    assertFalse(Files.exists(dir.resolve("log/vastbot.3.log")), "only 2 older files are kept");
    for (String name : List.of("vastbot.log", "vastbot.1.log", "vastbot.2.log")) {
      long size = Files.size(dir.resolve("log").resolve(name));
      assertTrue(size < SMALL.maxFileBytes() + 200, name + " has " + size + " bytes");
    }
    assertTrue(logFileLines().get(logFileLines().size() - 1).contains("tick 199 recorded"));
  }

  @Test
  void cli_withAnUnwritableFolder_logsToStderrOnly_afterOneWarning() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file"), "");
    LogSetup.configureCli(context, console, notAFolder.resolve("log"), SMALL, false, LogSecrets.none());
    context.getLogger("dev.vastbot.ssh.PinningServerKeyVerifier").info("vast-1: pinned host key");
    context.getLogger("dev.vastbot.app.SshSetup").warn("VAST_SSH_KEY: no file at /nowhere");

    List<String> shown = consoleText().lines().toList();
    assertEquals(2, shown.size(), consoleText());
    assertTrue(shown.get(0).contains(" WARN dev.vastbot.cli.LogSetup - cannot write the log file in "),
        shown.get(0));
    assertTrue(shown.get(1).contains("VAST_SSH_KEY: no file at /nowhere"), shown.get(1));
  }

  @Test
  void cli_whenTheLogFileCannotBeOpened_logsToStderrOnly_afterOneWarning() throws IOException {
    Files.createDirectories(dir.resolve("log/vastbot.log"));
    LogSetup.configureCli(context, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
    context.getLogger("dev.vastbot.ssh.PinningServerKeyVerifier").info("vast-1: pinned host key");

    assertEquals(1, consoleText().lines().count(), consoleText());
    assertTrue(consoleText().contains("cannot write the log file in "), consoleText());
  }

  @Test
  void server_writesEveryInfoEventAsOneLine() {
    LogSetup.configureServer(context, console, LogSecrets.none());
    context.getLogger("dev.vastbot.slack.SlackApp").info("socket mode connected");
    context.getLogger("org.apache.sshd.client.SshClient").info("library chatter");

    List<String> lines = consoleText().lines().toList();
    assertEquals(1, lines.size(), consoleText());
    assertTrue(lines.get(0).contains(" INFO dev.vastbot.slack.SlackApp - socket mode connected"),
        lines.get(0));
  }

  @Test
  void logDir_isVarLog_unlessVastbotLogDirIsSet() {
    assertEquals(Path.of("var", "log"), LogSetup.logDir(Map.of()));
    assertEquals(Path.of("/srv/logs"), LogSetup.logDir(Map.of("VASTBOT_LOG_DIR", "/srv/logs")));
  }

  @Test
  void jdkSystemLogger_landsInTheSameFile_throughJavaUtilLogging() throws IOException {
    var process = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      LogSetup.configureCli(process, console, dir.resolve("log"), SMALL, false, LogSecrets.none());
      // the JDK's own classes (its HTTP server and client) log through System.Logger, which falls
      // back to java.util.logging when no SLF4J provider for it is on the class path
      System.getLogger("com.sun.net.httpserver")
          .log(System.Logger.Level.WARNING, "connection {0}: {1}", "7", "reset\nby peer");
      System.getLogger("jdk.internal.httpclient")
          .log(System.Logger.Level.INFO, "closed");

      List<String> lines = logFileLines();
      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains(" WARN com.sun.net.httpserver - connection 7: reset\\nby peer"),
          lines.get(0));
      assertTrue(lines.get(1).contains(" INFO jdk.internal.httpclient - closed"), lines.get(1));
    } finally {
      LogSetup.configureDefault(process, System.err, LogSecrets.none());
    }
  }
}
