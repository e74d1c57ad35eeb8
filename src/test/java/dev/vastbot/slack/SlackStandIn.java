package dev.vastbot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.SlackConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server (127.0.0.1, ephemeral port) standing in for Slack's Web API at {@link
 * #methodsUrlPrefix()}, for the real SDK to talk to in tests.
 *
 * <p>It answers {@code auth.test}, {@code chat.postMessage} (unique, increasing {@code ts}), {@code
 * chat.update} (a channel id only, as Slack: a name is {@code channel_not_found}), {@code
 * chat.postEphemeral}, {@code chat.getPermalink}, {@code apps.connections.open} (the URL of the
 * attached {@link SocketModeStandIn}), {@code conversations.list} (paged, the channels added with
 * {@link #addChannel}), {@code usergroups.users.list} ({@link #setUserGroup}) and the external file
 * upload flow ({@code files.getUploadURLExternal}, a POST of the bytes to the returned URL, {@code
 * files.completeUploadExternal}); any other method gets {@code
 * {"ok":false,"error":"unknown_method"}}.
 * Bodies may be form-encoded (what the SDK sends) or JSON; for JSON, non-string values are kept as
 * their JSON text, the way the SDK puts {@code blocks} into a form field.
 *
 * <p>Tokens go in {@code Authorization: Bearer ...} only: missing is {@code not_authed}, unknown is
 * {@code invalid_auth}, the app token on a bot method (or the reverse) is {@code
 * not_allowed_token_type}; all with HTTP 200, as Slack does. {@code apps.connections.open} takes
 * the app token, every other method the bot token.
 *
 * <p>Every answered Web API call is recorded, in arrival order, before its answer is written, so a
 * client that has its answer sees its call in {@link #calls()}. Failures are scripted per method
 * and used up in order: {@link #rateLimitNext}, {@link #failNext}, {@link #answerNext}. A call with
 * a bad token does not use up a scripted answer.
 *
 * <p>Also serves response URLs ({@link #responseUrl(String)}, recording the JSON posted there).
 * Thread-safe.
 */
public final class SlackStandIn implements AutoCloseable {
  public static final String BOT_TOKEN = "xoxb-test";
  public static final String APP_TOKEN = "xapp-test";
  public static final String TEAM_ID = "T0000TEST";
  public static final String TEAM_NAME = "vastbot-test";
  public static final String BOT_USER_ID = "U0000BOT1";
  public static final String BOT_ID = "B0000BOT1";
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Web API call as it arrived, with the answer it got. */
  public record Call(
      String method,
      Map<String, String> params,
      String rawBody,
      String contentType,
      String token,
      Instant receivedAt,
      int status,
      String answer) {

    public Call {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The parameter's value, or null when the call did not carry it. */
    public String param(String name) {
      return params.get(name);
    }

    /** A parameter holding JSON (such as {@code blocks}), parsed; fails when absent. */
    public JsonNode jsonParam(String name) {
      String value = params.get(name);
      if (value == null) {
        throw new AssertionError(method + " has no parameter " + name + ": " + params);
      }
      return readJson(value);
    }

    /** The JSON body the stand-in answered with. */
    public JsonNode answerJson() {
      return readJson(answer);
    }
  }

  private record Scripted(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final WebApiAnswers answers;
  private final Awaited records = new Awaited();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<Scripted>> scripted = new HashMap<>();
  private final Map<String, List<JsonNode>> responses = new HashMap<>();

  private SlackStandIn(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress(loopback(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    answers = new WebApiAnswers(baseUrl());
    executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              var thread = new Thread(task, "slack-stand-in");
              thread.setDaemon(true);
              return thread;
            });
    server.createContext("/api/", this::serveMethod);
    server.createContext("/respond/", this::serveResponseUrl);
    server.createContext("/upload/", this::serveUpload);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a stand-in that stamps calls with the system clock. */
  public static SlackStandIn start() {
    return start(Clock.systemUTC());
  }

  /** Starts a stand-in that stamps calls ({@link Call#receivedAt()}) with {@code clock}. */
  public static SlackStandIn start(Clock clock) {
    return new SlackStandIn(clock);
  }

  static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/api/}, for {@link SlackConfig#setMethodsEndpointUrlPrefix}. */
  public String methodsUrlPrefix() {
    return baseUrl() + "/api/";
  }

  /**
   * A fresh SDK configuration aimed at this stand-in: methods prefix set, no proxy (the SDK
   * otherwise takes one from {@code HTTPS_PROXY}), and an executor name of its own so the SDK's
   * static rate-limit queues and metrics do not mix with other tests' (so read the SDK's metrics
   * with {@code slack.methodsStats(executorName, teamId)}; the one-argument form reads the default
   * executor's).
   */
  public SlackConfig sdkConfig() {
    var config = new SlackConfig();
    config.setProxyUrl(null);
    config.setMethodsEndpointUrlPrefix(methodsUrlPrefix());
    config.getMethodsConfig().setExecutorName("slack-stand-in-" + port());
    return config;
  }

  /** Makes {@code apps.connections.open} answer with URLs of {@code socketMode}. */
  public void attach(SocketModeStandIn socketMode) {
    answers.attachSocketMode(socketMode::issueUrl);
  }

  /** {@code http://127.0.0.1:PORT/respond/<id>}: a response_url whose posts {@link #responses}. */
  public String responseUrl(String id) {
    return baseUrl() + "/respond/" + id;
  }

  // ---- the workspace

  /** A channel the app can see in {@code conversations.list} ({@code name} without '#'). */
  public void addChannel(String id, String name) {
    answers.addChannel(id, name);
  }

  /** How many channels one {@code conversations.list} page holds (default 100). */
  public void pageChannelsBy(int perPage) {
    answers.pageChannelsBy(perPage);
  }

  /** A user group and its members, for {@code usergroups.users.list}; replaces what it had. */
  public void setUserGroup(String groupId, String... userIds) {
    answers.setUserGroup(groupId, List.of(userIds));
  }

  // ---- scripting

  /** The next {@code times} calls of {@code method} get HTTP 429 with {@code Retry-After}. */
  public void rateLimitNext(String method, int times, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      script(method, new Scripted(429,
          Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
          WebApiAnswers.okFalse("ratelimited")));
    }
  }

  /** The next call of {@code method} gets {@code {"ok":false,"error":error}} with HTTP 200. */
  public void failNext(String method, String error) {
    script(method, new Scripted(200, Map.of(), WebApiAnswers.okFalse(error)));
  }

  /** The next call of {@code method} gets exactly this status and JSON body. */
  public void answerNext(String method, int status, String json) {
    script(method, new Scripted(status, Map.of(), json));
  }

  private void script(String method, Scripted answer) {
    records.change(
        () -> scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).addLast(answer));
  }

  // ---- what arrived

  /** All Web API calls so far, in arrival order. */
  public List<Call> calls() {
    return records.read(() -> List.copyOf(calls));
  }

  /** The calls of {@code method} so far, in arrival order. */
  public List<Call> calls(String method) {
    return records.read(
        () -> calls.stream().filter(call -> call.method().equals(method)).toList());
  }

  /** Waits up to {@link #DEFAULT_BOUND} until {@code count} calls of {@code method} arrived. */
  public List<Call> awaitCalls(String method, int count) {
    return awaitCalls(method, count, DEFAULT_BOUND);
  }

  /**
   * Waits until at least {@code count} calls of {@code method} arrived and returns them all;
   * fails with an {@link AssertionError} naming what did arrive after {@code bound}.
   */
  public List<Call> awaitCalls(String method, int count, Duration bound) {
    return records.until(
        count + " calls of " + method, bound, () -> calls(method), seen -> seen.size() >= count);
  }

  /** The JSON bodies posted to {@link #responseUrl(String) responseUrl(id)}, in order. */
  public List<JsonNode> responses(String id) {
    return records.read(() -> List.copyOf(responses.getOrDefault(id, List.of())));
  }

  /** Waits until at least {@code count} bodies were posted to the response URL {@code id}. */
  public List<JsonNode> awaitResponses(String id, int count, Duration bound) {
    return records.until(
        count + " posts to response URL " + id,
        bound,
        () -> responses(id),
        posted -> posted.size() >= count);
  }

  /** The bytes posted to the upload URL of {@code fileId}, if any were. */
  public Optional<byte[]> uploadedBytes(String fileId) {
    return answers.uploaded(fileId);
  }

  // ---- serving

  private void serveMethod(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      Map<String, String> params = new LinkedHashMap<>();
      addFormParams(exchange.getRequestURI().getRawQuery(), params);
      if (contentType != null && contentType.startsWith("application/json")) {
        addJsonParams(body, params);
      } else {
        addFormParams(body, params);
      }
      String token = bearerToken(exchange.getRequestHeaders().getFirst("Authorization"));
      WebApiAnswers.Answer answer = answer(method, params, token);
      var call = new Call(method, params, body, contentType, token, clock.instant(),
          answer.status(), answer.body());
      records.change(() -> calls.add(call));
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      sendJson(exchange, answer.status(), answer.body());
    } catch (IOException clientWentAway) {
      // the client may close the connection before the answer is written out
    }
  }

  private WebApiAnswers.Answer answer(String method, Map<String, String> params, String token) {
    Optional<String> authError = authError(method, token);
    if (authError.isPresent()) {
      return WebApiAnswers.Answer.error(authError.get());
    }
    Scripted next = records.read(() -> {
      Deque<Scripted> queue = scripted.get(method);
      return queue == null ? null : queue.pollFirst();
    });
    if (next != null) {
      return new WebApiAnswers.Answer(next.status(), next.headers(), next.body());
    }
    return answers.answer(method, params);
  }

  private static Optional<String> authError(String method, String token) {
    if (token == null) {
      return Optional.of("not_authed");
    }
    String expected = method.equals("apps.connections.open") ? APP_TOKEN : BOT_TOKEN;
    if (token.equals(expected)) {
      return Optional.empty();
    }
    if (token.equals(APP_TOKEN) || token.equals(BOT_TOKEN)) {
      return Optional.of("not_allowed_token_type");
    }
    return Optional.of("invalid_auth");
  }

  private void serveUpload(HttpExchange exchange) throws IOException {
    try (exchange) {
      String fileId = exchange.getRequestURI().getPath().substring("/upload/".length());
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      boolean accepted = answers.acceptUpload(fileId, bytes);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      send(exchange, accepted ? 200 : 404, accepted ? "OK - " + bytes.length : "not found");
    } catch (IOException clientWentAway) {
      // as above
    }
  }

  private void serveResponseUrl(HttpExchange exchange) throws IOException {
    try (exchange) {
      String id = exchange.getRequestURI().getPath().substring("/respond/".length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode posted;
      try {
        posted = JSON.readTree(body);
      } catch (IOException notJson) {
        sendJson(exchange, 400, WebApiAnswers.okFalse("invalid_payload"));
        return;
      }
      records.change(() -> responses.computeIfAbsent(id, key -> new ArrayList<>()).add(posted));
      sendJson(exchange, 200, "{\"ok\":true}");
    } catch (IOException clientWentAway) {
      // as above
    }
  }

  // ---- wire helpers

  private String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    String token = authorization.substring("Bearer ".length()).trim();
    return token.isEmpty() ? null : token;
  }

  private static void addFormParams(String form, Map<String, String> params) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  private static void addJsonParams(String body, Map<String, String> params) {
    JsonNode json = readJson(body);
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
      var field = fields.next();
      JsonNode value = field.getValue();
      params.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
    }
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
