package dev.vastbot.slack;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Warms the acknowledgement path of HTTP mode at start-up: signed {@code /vast status|list|help}
 * slash commands, sent over loopback to the bot's own {@code POST /slack/events} as Slack sends
 * them, in bursts, until the JIT compiler has compiled what they run.
 *
 * <p>Why: on a fresh JVM the first bursts of commands run interpreted while the compiler threads
 * compete with them for the cores; on two cores 200 commands at once were acknowledged in 75-95 ms
 * (p99) after one burst, and in 19 ms after thirty ({@code bench/ack}). A process that has answered
 * a few thousand commands answers its first real ones as fast as a long-running one does.
 *
 * <p>Only read-only snapshot answers are sent (they change nothing, are not audited and post
 * nothing: they are answered in the acknowledgement), and only once the fleet snapshot exists:
 * before it, even these are slow work answered through the response_url, which here points at a
 * closed loopback port. Nothing leaves 127.0.0.1. The signing secret is used to sign and is never
 * printed. Stops at {@link Limits#maxRequests()}, at {@link Limits#budget()} or when interrupted,
 * and after {@link Limits#minRequests()} as soon as a burst ran with the compiler nearly idle. Not
 * thread-safe; run once.
 */
public final class AckWarmUp {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  /** Nothing listens on the discard port; only a slow-path answer would try it, and none is sent. */
  private static final String NO_RESPONSE_URL = "http://127.0.0.1:9/warm-up";
  /** The commands it sends: the read-only answers people ask for most. */
  static final List<String> TEXTS = List.of("status", "list", "help");
  /**
   * What it sends before the first list of the fleet: commands answered at once without it (help,
   * whoami, and a line that does not parse), so that the whole path from the socket to the answer
   * is compiled while the first list (40 s at 1,000 instances) is still on its way.
   */
  static final List<String> WITHOUT_THE_FLEET = List.of("help", "whoami", "warm-up-with-a-line-that-does-not-parse");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  /** How long it waits, at a time, while people's commands come in. */
  private static final Duration MAKE_WAY = Duration.ofMillis(50);
  /** Whose commands these are (their user id is named after it: {@link #sentBy}). */
  static final String SOURCE = "vastbot-warm-up";
  /** The compiler counts as idle in a burst when it compiled for under this share of its wall time. */
  private static final double IDLE_COMPILER_SHARE = 0.05;

  /**
   * How much to send.
   *
   * @param minRequests at least this many, whatever the compiler does
   * @param maxRequests at most this many
   * @param burst requests in flight at once
   * @param budget wall time for all of it
   */
  public record Limits(int minRequests, int maxRequests, int burst, Duration budget) {
    /**
     * What {@code serve} uses: 1,000 to 12,000 commands in bursts of 200, within 20 s. Bursts as
     * wide as the acknowledgement target's (200 at once) get the HTTP server's paths for that many
     * compiled too: with bursts of 50, Jetty's first burst of 200 after the warm-up had a p99 of
     * 26-129 ms (median 70, 8 runs), with bursts of 200 35-105 ms (median 42; {@code bench/README.md}).
     */
    public static final Limits SERVE = new Limits(1_000, 12_000, 200, Duration.ofSeconds(20));

    public Limits {
      if (minRequests < 0 || maxRequests < minRequests || burst < 1 || budget.isNegative()) {
        throw new IllegalArgumentException("warm-up limits: 0 <= min <= max, burst >= 1, budget >= 0");
      }
    }
  }

  /**
   * What the warm-up did.
   *
   * @param skipped why nothing was sent, or null when it ran
   * @param failed answers that were not a 200 with the command's blocks (a wrong secret, say)
   * @param compilerIdle whether the last burst ran with the compiler nearly idle
   */
  public record Result(String skipped, int requests, int failed, Duration wall, boolean compilerIdle) {
    static Result skipped(String why) {
      return new Result(why, 0, 0, Duration.ZERO, false);
    }

    /** One log line: what ran and how long it took. */
    public String summary() {
      if (skipped != null) {
        return "acknowledgement warm-up skipped: " + skipped;
      }
      return String.format(java.util.Locale.ROOT,
          "acknowledgement warm-up: %d signed slash commands to itself in %.1f s, %d failed; compiler %s",
          requests, wall.toMillis() / 1000.0, failed, compilerIdle ? "idle after" : "still busy at the end");
    }
  }

  private final String eventsUrl;
  private final List<String> texts;
  /** Where the warm-up's commands come from: a channel the bot takes commands in, so they are answered. */
  private final String channelId;
  private final SlackSignatures signatures;
  private final Clock clock;
  private final OkHttpClient base;
  private final AtomicLong triggers = new AtomicLong();

  /**
   * @param http the process's HTTP client; the warm-up derives its own from it, with a dispatcher
   *     and a connection pool of its own sized to a burst, so that its bursts to itself neither
   *     change the limits nor fill the pool that the bot's calls to Vast and Slack use
   * @param channelId the channel the commands come from: one the bot takes commands in
   * @param clock signs the requests' timestamps and measures the budget: the real clock, since
   *     the bot checks each timestamp against its own five-minute window
   */
  AckWarmUp(OkHttpClient http, int port, String signingSecret, String channelId, Clock clock) {
    this(http, port, signingSecret, channelId, clock, TEXTS);
  }

  /** @param texts the commands it sends, in turn */
  AckWarmUp(OkHttpClient http, int port, String signingSecret, String channelId, Clock clock, List<String> texts) {
    this.base = http;
    this.texts = List.copyOf(texts);
    this.channelId = channelId;
    this.eventsUrl = "http://127.0.0.1:" + port + "/slack/events";
    this.signatures = new SlackSignatures(signingSecret);
    this.clock = clock;
  }

  private long nanoTime() {
    return TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }

  /** {@link #run(Limits, Runnable, BooleanSupplier)} with no real commands to make way for. */
  Result run(Limits limits, Runnable betweenBursts) {
    return run(limits, betweenBursts, () -> false);
  }

  /**
   * Sends bursts until a limit says stop. While real commands come in ({@code realCommands}), it
   * sends nothing and waits (within its budget), so that its own traffic never slows theirs: the
   * process starts its first health sweep about when the warm-up runs, and people ask then.
   *
   * @param betweenBursts run after each burst: the bot answers a burst's repeated commands from one
   *     cached rendering, so it renders them here, on this thread, to warm that path too
   * @param realCommands whether commands from people came in a moment ago
   */
  Result run(Limits limits, Runnable betweenBursts, BooleanSupplier realCommands) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(limits.burst());
    dispatcher.setMaxRequestsPerHost(limits.burst());
    OkHttpClient http = base.newBuilder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(limits.burst(), 1, TimeUnit.MINUTES))
        .callTimeout(CALL_TIMEOUT)
        .proxy(java.net.Proxy.NO_PROXY)
        .build();
    long started = nanoTime();
    long deadline = started + limits.budget().toNanos();
    int sent = 0;
    int failed = 0;
    boolean idle = false;
    try {
      while (sent < limits.maxRequests() && nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
        if (realCommands.getAsBoolean()) {
          LockSupport.parkNanos(MAKE_WAY.toNanos());
          continue;
        }
        long compiledBefore = compilerMillis();
        long burstStarted = nanoTime();
        int size = Math.min(limits.burst(), limits.maxRequests() - sent);
        failed += burst(http, size, deadline);
        sent += size;
        betweenBursts.run();
        idle = compilerIdleSince(compiledBefore, burstStarted);
        if (sent >= limits.minRequests() && idle) {
          break;
        }
        if (failed == sent) {
          break; // nothing gets through (a wrong secret, a closed port): warming is pointless
        }
      }
    } finally {
      dispatcher.executorService().shutdown();
      http.connectionPool().evictAll();
    }
    return new Result(null, sent, failed, Duration.ofNanos(nanoTime() - started), idle);
  }

  /** Sends {@code size} commands at once; how many did not come back as a 200 with blocks. */
  private int burst(OkHttpClient http, int size, long deadline) {
    var done = new CountDownLatch(size);
    var failed = new AtomicInteger();
    for (int i = 0; i < size; i++) {
      String text = texts.get((int) (triggers.get() % texts.size()));
      http.newCall(signed(text)).enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            String body = response.body().string();
            if (response.code() != 200 || !body.contains("\"blocks\"")) {
              failed.incrementAndGet();
            }
          } catch (IOException | RuntimeException unreadable) {
            failed.incrementAndGet();
          } finally {
            done.countDown();
          }
        }

        @Override
        public void onFailure(Call call, IOException e) {
          failed.incrementAndGet();
          done.countDown();
        }
      });
    }
    try {
      long left = Math.max(deadline - nanoTime(), 0) + CALL_TIMEOUT.toNanos();
      if (!done.await(left, TimeUnit.NANOSECONDS)) {
        return size; // calls time out on their own; count the burst as lost
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return size;
    }
    return failed.get();
  }

  private Request signed(String text) {
    String body = commandBody(SOURCE, channelId, text, "warm-up." + triggers.incrementAndGet() + "." + nanoTime(),
        NO_RESPONSE_URL);
    String timestamp = Long.toString(clock.millis() / 1000);
    return new Request.Builder().url(eventsUrl)
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", signatures.generate(timestamp, body))
        .post(RequestBody.create(body, FORM))
        .build();
  }

  /**
   * A {@code /vast text} slash command's form body as Slack posts it, from {@code source} (the
   * warm-up, a benchmark): its token, team, channel, user and app are named after it.
   */
  public static String commandBody(String source, String text, String triggerId, String responseUrl) {
    return commandBody(source, channelIdOf(source), text, triggerId, responseUrl);
  }

  /** The channel id {@link #commandBody(String, String, String, String)} gives {@code source}'s commands. */
  public static String channelIdOf(String source) {
    return "C0" + tagOf(source);
  }

  /** {@link #commandBody(String, String, String, String)} from the channel {@code channelId}. */
  public static String commandBody(String source, String channelId, String text, String triggerId,
      String responseUrl) {
    String tag = tagOf(source);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", source);
    fields.put("team_id", "T0" + tag);
    fields.put("team_domain", source);
    fields.put("channel_id", channelId);
    fields.put("channel_name", source);
    fields.put("user_id", "U0" + tag);
    fields.put("user_name", source);
    fields.put("command", "/vast");
    fields.put("text", text);
    fields.put("api_app_id", "A0" + tag);
    fields.put("is_enterprise_install", "false");
    fields.put("response_url", responseUrl);
    fields.put("trigger_id", triggerId);
    return fields.entrySet().stream()
        .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** Whether a slash command's user is the warm-up (its own commands, not a person's). */
  static boolean sentBy(String userId) {
    return ("U0" + tagOf(SOURCE)).equals(userId);
  }

  private static String tagOf(String source) {
    return source.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  /** Whether the compiler worked for under {@value #IDLE_COMPILER_SHARE} of the time since then. */
  private boolean compilerIdleSince(long compiledBefore, long since) {
    long compiled = compilerMillis();
    if (compiled < 0 || compiledBefore < 0) {
      return true; // no figures: the JVM does not say, so the minimum decides
    }
    double wallMillis = Math.max((nanoTime() - since) / 1e6, 1);
    return (compiled - compiledBefore) / wallMillis < IDLE_COMPILER_SHARE;
  }

  /** The JIT's total compilation time so far in ms (summed over its threads), or -1 when unknown. */
  private static long compilerMillis() {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    return compiler == null || !compiler.isCompilationTimeMonitoringSupported() ? -1
        : compiler.getTotalCompilationTime();
  }
}
