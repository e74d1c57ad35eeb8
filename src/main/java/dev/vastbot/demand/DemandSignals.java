package dev.vastbot.demand;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.autoscale.DemandSignal;
import dev.vastbot.fleet.autoscale.GroupPolicy;
import dev.vastbot.fleet.port.DemandReader;
import dev.vastbot.fleet.text.SafeText;
import dev.vastbot.service.p2p.P2pNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a group's demand signal: the P2P orchestrators' work queue (over SSH), an HTTP endpoint's
 * JSON, a command run here on the coordinator, or a file. Each read is bounded in time and size,
 * and what it reads must be one finite, non-negative number; anything else is {@link
 * DemandReader.Unavailable} with a reason that quotes at most a short, escaped piece of it.
 */
public final class DemandSignals implements DemandReader {
  static final int MAX_BYTES = 64 * 1024;
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = jsonWithLimits();

  private final P2pNetwork network;
  private final OkHttpClient http;
  private final Duration commandTimeout;

  /**
   * @param http the process's HTTP client; the endpoint is read with one derived from it (its own
   *     timeouts, no redirects), which shares its connection pool and dispatcher
   */
  public DemandSignals(P2pNetwork network, OkHttpClient http) {
    this(network, http, HTTP_TIMEOUT, COMMAND_TIMEOUT);
  }

  DemandSignals(P2pNetwork network, OkHttpClient http, Duration httpTimeout, Duration commandTimeout) {
    this.network = network;
    this.http = http.newBuilder().callTimeout(httpTimeout).connectTimeout(httpTimeout)
        .followRedirects(false).build();
    this.commandTimeout = commandTimeout;
  }

  @Override
  public double queuedGames(GroupPolicy group) throws InterruptedException {
    DemandSignal signal = group.demand();
    return switch (signal.source()) {
      case P2P_STATUS -> fromOrchestrators();
      case HTTP_JSON -> fromHttp(signal.target(), signal.jsonPointer());
      case COMMAND -> fromCommand(signal.target());
      case FILE -> fromFile(Path.of(signal.target()));
    };
  }

  private double fromOrchestrators() {
    P2pNetwork.PendingGames pending = network.pendingGames();
    if (pending.games().isEmpty()) {
      throw new Unavailable("P2P status: " + pending.detail());
    }
    return pending.games().getAsDouble();
  }

  private double fromHttp(String url, String pointer) {
    Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new Unavailable(where(url) + " answered HTTP " + response.code());
      }
      byte[] body = readCapped(response.body().byteStream(), where(url));
      JsonNode value = JSON.readTree(body).at(JsonPointer.compile(pointer));
      if (!value.isNumber()) {
        throw new Unavailable(where(url) + " has no number at " + pointer + " ("
            + (value.isMissingNode() ? "missing" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ")");
      }
      return checked(value.doubleValue(), where(url));
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable(where(url) + ": " + SafeText.forTerminalCell(String.valueOf(e.getMessage()), 200));
    }
  }

  private double fromCommand(String command) throws InterruptedException {
    Path output;
    try {
      output = Files.createTempFile("vastbot-demand-", ".out");
    } catch (IOException e) {
      throw new Unavailable("cannot run the demand command: " + e.getMessage());
    }
    try {
      Process process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new Unavailable("the demand command did not finish within " + commandTimeout.toMillis() + " ms");
      }
      String text = readText(output, "the demand command's output");
      if (process.exitValue() != 0) {
        throw new Unavailable("the demand command exited " + process.exitValue() + ": "
            + SafeText.forTerminalCell(text.strip(), 200));
      }
      return parse(text, "the demand command's output");
    } catch (IOException e) {
      throw new Unavailable("cannot run the demand command: " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // a temp file left behind
      }
    }
  }

  private double fromFile(Path file) {
    return parse(readText(file, file.toString()), file.toString());
  }

  private static String readText(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(readCapped(in, what), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new Unavailable(what + " does not exist");
    } catch (IOException e) {
      throw new Unavailable("cannot read " + what + ": " + e.getMessage());
    }
  }

  private static byte[] readCapped(InputStream in, String what) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new Unavailable(what + " is larger than " + (MAX_BYTES / 1024) + " KiB");
    }
    return bytes;
  }

  /** One number, alone on the first non-empty line. */
  static double parse(String text, String what) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    try {
      return checked(Double.parseDouble(line), what);
    } catch (NumberFormatException e) {
      throw new Unavailable(what + " is not a number: \"" + SafeText.forTerminalCell(line, 60) + "\"");
    }
  }

  private static double checked(double games, String what) {
    if (!Double.isFinite(games) || games < 0) {
      throw new Unavailable(what + " gave " + games + ", not a count of games");
    }
    return games;
  }

  /** The endpoint without its query (which may carry a token). */
  private static String where(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private static ObjectMapper jsonWithLimits() {
    var mapper = new ObjectMapper();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(64).maxStringLength(MAX_BYTES).build());
    return mapper;
  }
}
