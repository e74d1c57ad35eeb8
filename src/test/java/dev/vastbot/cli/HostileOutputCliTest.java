package dev.vastbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real CLI, with the logging {@link Main#main} sets up (log file in a temp folder, warnings
 * on stderr), against a Vast API on 127.0.0.1 whose error answers carry terminal escapes.
 */
class HostileOutputCliTest {
  private static final String HOSTILE = "red\u001b[31m bell\u0007 cr\rover csi\u009b2J bidi\u202eevil";

  @TempDir Path dir;

  private final HttpServer vast = startVast();

  @AfterEach
  void stop() {
    vast.stop(0);
    LogSetup.configureDefault((LoggerContext) LoggerFactory.getILoggerFactory(), System.err, LogSecrets.none());
  }

  private static HttpServer startVast() {
    try {
      var server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 4);
      server.createContext("/", exchange -> {
        try (exchange) {
          exchange.getRequestBody().readAllBytes();
          byte[] body = ("{\"success\": false, \"error\": \"bad_request\", \"msg\": \""
              + HOSTILE.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007").replace("\r", "\\r")
              + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(400, body.length);
          exchange.getResponseBody().write(body);
        }
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> env() {
    var env = new HashMap<String, String>();
    env.put("VASTBOT_CONFIG_DIR", dir.resolve("config").toString());
    env.put("VASTBOT_DB", "jdbc:sqlite:" + dir.resolve("var/vastbot.db"));
    env.put("VASTBOT_LOG_DIR", dir.resolve("log").toString());
    env.put("VAST_API_URL", "http://127.0.0.1:" + vast.getAddress().getPort() + "/api/v0");
    env.put("VAST_API_KEY", "k-0123456789abcdef0123456789abcdef");
    return env;
  }

  /** Every raw control character (C0 but the line ends, DEL, C1), bidi override and lone surrogate. */
  static void assertNoRawControl(String where, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unsafe = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)
          || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || Character.isSurrogate(c);
      assertTrue(!unsafe, where + " holds U+" + Integer.toHexString(c) + " at " + i + ": "
          + text.substring(Math.max(0, i - 60), Math.min(text.length(), i + 20)).replaceAll("\\p{Cntrl}", "?"));
    }
  }

  @Test
  void aVastErrorWithEscapes_leavesNoRawControlByte_onStderrOrInTheLogFile() throws IOException {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var context = new CliContext(env(), dir, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Clock.systemUTC());

    int code = Main.withLogSetup(context).execute("keepalive", "--status");

    assertEquals(1, code);
    String log = Files.readString(dir.resolve("log/vastbot.log"), StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertNoRawControl("the log file", log);
    assertNoRawControl("stderr", stderr);
    assertNoRawControl("stdout", out.toString(StandardCharsets.UTF_8));
    assertTrue(log.contains(" WARN ") && log.contains("red\\x1b[31m bell\\x07"), log);
    assertTrue(stderr.contains("red\\x1b[31m bell\\x07"), stderr);
  }

  @Test
  void aBadFlagWithEscapes_isEchoedEscaped_onStderr() {
    var run = new CliHarness(env(), dir, Clock.systemUTC())
        .run("", "offers", "--gpu\u001b[31m\u009b2J");

    assertEquals(2, run.exitCode());
    assertNoRawControl("stderr", run.err());
    assertTrue(run.err().contains("--gpu\\x1b[31m\\x9b2J"), run.err());
  }
}
