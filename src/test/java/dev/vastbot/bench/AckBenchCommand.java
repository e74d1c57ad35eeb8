package dev.vastbot.bench;

import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.Vastbot;
import dev.vastbot.cli.BotAssembly;
import dev.vastbot.cli.CliContext;
import dev.vastbot.cli.ServeCommand;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.FleetSnapshot;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.slack.AckWarmUp;
import dev.vastbot.slack.HttpFront;
import dev.vastbot.slack.SlackBot;
import dev.vastbot.slack.SlackDelivery;
import dev.vastbot.slack.SlackSettings;
import dev.vastbot.slack.SlackSignatures;
import dev.vastbot.store.JdbcFleetStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code BenchMain bench-ack}: the vastbot side of {@code bench/ack}. One bot, built as every CLI
 * verb builds it (VAST_API_URL, VAST_API_KEY, the client's Vast pacing), against a simulated fleet
 * ({@code vastbot sim --instances N}); its fleet snapshot listed once, then served in HTTP mode as
 * {@code serve} serves it ({@link SlackBot} on {@link HttpFront}, {@value ServeCommand#HTTP_THREADS}
 * HTTP threads) on 127.0.0.1 with a signing secret made up for the run and no bot token (so Bolt
 * calls no Web API). Then rounds of signed {@code /vast status|list|help} slash commands, all of a
 * round in flight at once, each with its own trigger_id: one unmeasured warm-up round, then the
 * measured round, each request timed from send to the whole HTTP response (by {@link NioPoster}
 * unless {@code --client okhttp}; each round also prints how far apart its first and last sends
 * were, {@code send_spread_ms}). Then the same
 * commands one at a time, to show what one acknowledgement costs without queueing. Prints one
 * {@code key=value} line per figure. The bot's store is VASTBOT_DB when set, else a SQLite file in
 * a temporary folder (never {@code var/}).
 */
@Command(name = "bench-ack", mixinStandardHelpOptions = true,
    description = "Benchmark: acknowledgement latency of concurrent signed slash commands in HTTP mode.")
final class AckBenchCommand implements Callable<Integer> {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  /** Nothing listens there: no Web API call is expected (no bot token), and none may leave loopback. */
  private static final String NO_SLACK = "http://127.0.0.1:9/";
  /** The channel the bench's commands come from ({@link AckWarmUp#commandBody} names it after "bench"). */
  static final String BENCH_CHANNEL = AckWarmUp.channelIdOf("bench");
  static final List<String> TEXTS = List.of("status", "list", "help");
  /** What each command's acknowledgement must hold, besides status 200. */
  private static final Map<String, String> EXPECTED = Map.of(
      "status", "Fleet status", "list", "Instances (", "help", "vastbot commands");
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(names = "--requests", defaultValue = "200",
      description = "slash commands in the measured round, all in flight at once (default ${DEFAULT-VALUE})")
  int requests;

  @Option(names = "--warmup", defaultValue = "200",
      description = "slash commands in the unmeasured warm-up round before it (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--warmup-rounds", defaultValue = "1",
      description = "warm-up rounds of --warmup commands each (default ${DEFAULT-VALUE})")
  int warmupRounds;

  @Option(names = "--sequential", defaultValue = "30",
      description = "each command this many times one at a time afterwards (default ${DEFAULT-VALUE})")
  int sequential;

  @Option(names = "--client", defaultValue = "nio",
      description = "nio: one thread, a non-blocking connection per request (default); okhttp: a thread and an"
          + " OkHttp connection per request")
  String client;

  @Option(names = "--no-startup-warmup",
      description = "skip the acknowledgement warm-up that serve runs at start-up (AckWarmUp): a cold JVM")
  boolean noStartupWarmup;

  @Option(names = "--http-threads", defaultValue = "" + ServeCommand.HTTP_THREADS,
      description = "HttpFront's threads (default ${DEFAULT-VALUE}, as serve)")
  int httpThreads;

  @Option(names = "--during-first-sweep",
      description = "instead: start the bot as serve does (loops, first list, warm-up) and send a round of"
          + " --requests mixed commands every --round-interval-ms until its first health sweep has ended")
  boolean duringFirstSweep;

  @Option(names = "--round-interval-ms", defaultValue = "2000",
      description = "--during-first-sweep: from one round's start to the next (default ${DEFAULT-VALUE})")
  int roundIntervalMs;

  @Option(names = "--first-list-interval-ms", defaultValue = "10000",
      description = "--during-first-sweep: the same before the first list is done (default ${DEFAULT-VALUE})")
  int firstListIntervalMs;

  @Option(names = "--max-seconds", defaultValue = "480",
      description = "--during-first-sweep: the most all rounds may take (default ${DEFAULT-VALUE})")
  int maxSeconds;

  @Option(names = "--commands", split = ",", paramLabel = "TEXT",
      description = "--during-first-sweep: the commands of a round, in turn (default: help, status, list,"
          + " health, stop 1, frobnicate)")
  List<String> commands;

  AckBenchCommand(CliContext context) {
    this.context = context;
  }

  /** One acknowledgement: which command, its latency, and why it counts as an error (null: it does not). */
  record Ack(String text, long nanos, String error, long sentAt) {}

  /** A round of acknowledgements and its wall time. */
  record Round(List<Ack> acks, long wallNanos) {
    long[] nanos(String text) {
      return acks.stream().filter(a -> text == null || a.text().equals(text)).mapToLong(Ack::nanos).toArray();
    }

    /** From the first request's send to the last one's: how nearly at once the round went out. */
    long sendSpreadNanos() {
      long first = acks.stream().mapToLong(Ack::sentAt).min().orElse(0);
      return acks.stream().mapToLong(Ack::sentAt).max().orElse(0) - first;
    }

    long errors() {
      return acks.stream().filter(a -> a.error() != null).count();
    }

    /** Error reasons and how often each came. */
    Map<String, Long> errorKinds() {
      return acks.stream().filter(a -> a.error() != null)
          .collect(Collectors.groupingBy(Ack::error, TreeMap::new, Collectors.counting()));
    }
  }

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || warmup < 0 || warmupRounds < 0 || sequential < 0 || httpThreads < 1) {
      throw new ParameterException(spec.commandLine(), "--requests and --http-threads must be at least 1,"
          + " --warmup, --warmup-rounds and --sequential at least 0");
    }
    if (!client.equals("nio") && !client.equals("okhttp")) {
      throw new ParameterException(spec.commandLine(), "--client is nio or okhttp, not " + client);
    }
    if (duringFirstSweep) {
      if (roundIntervalMs < 1 || firstListIntervalMs < 1 || maxSeconds < 1) {
        throw new ParameterException(spec.commandLine(),
            "--round-interval-ms, --first-list-interval-ms and --max-seconds must be at least 1");
      }
      var options = new FirstSweepAckRun.Options(requests, Duration.ofMillis(roundIntervalMs),
          Duration.ofMillis(firstListIntervalMs), Duration.ofSeconds(maxSeconds), httpThreads,
          commands == null ? FirstSweepAckRun.MIX : commands);
      int status = BenchScratch.run("vastbot-bench-ack-", new FirstSweepAckRun(context, options)::measure);
      printMemory(context.out());
      return status;
    }
    return BenchScratch.run("vastbot-bench-ack-", this::measure);
  }

  private int measure(Path scratch) throws Exception {
    BenchScratch.Bot bench = BenchScratch.bot(context, scratch);
    CliContext botContext = bench.context();
    String botStore = bench.store();
    PrintStream out = context.out();
    VastbotConfig config = BotAssembly.config(botContext);
    String secret = newSecret();
    var settings = new SlackSettings(null, secret, NO_SLACK, BENCH_CHANNEL);
    ExecutorService work = Executors.newFixedThreadPool(ServeCommand.WORK_THREADS);
    var store = JdbcFleetStore.open(config.store().jdbcUrl());
    // not started: the commands measured answer in their acknowledgement, and nothing is posted
    var delivery = SlackDelivery.on(store, null, context.http(), context.clock());
    try (Vastbot bot = BotAssembly.open(botContext, config, store, ApprovalPrompts.NONE, new LoggedAlerts(),
        ChannelScope.ofIds(List.of(BENCH_CHANNEL), false), UserGroups.NONE)) {
      out.printf("vastbot bench-ack: bot store %s; HTTP mode, %d HTTP threads, no bot token%n", botStore,
          httpThreads);
      out.flush();
      long started = System.nanoTime();
      FleetSnapshot snapshot = bot.snapshots().refresh();
      out.printf(Locale.ROOT, "first_list wall_ms=%d instances=%d (paced as against Vast; once, before"
          + " any command)%n", millis(System.nanoTime() - started), snapshot.instances().size());
      out.flush();
      var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, context.clock(),
          delivery.outbox());
      try (HttpFront front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
          bot.metrics()::scrape, () -> true, httpThreads)) {
        if (noStartupWarmup) {
          out.println("startup_warmup skipped=true (--no-startup-warmup)");
        } else {
          AckWarmUp.Result warm = slackBot.warmUp(front.port(), AckWarmUp.Limits.SERVE, context.http());
          out.printf(Locale.ROOT, "startup_warmup requests=%d failed=%d wall_ms=%d compiler_idle=%s (as serve"
              + " runs it after the first list)%n", warm.requests(), warm.failed(), warm.wall().toMillis(),
              warm.compilerIdle());
        }
        out.printf("client %s%n", client.equals("nio")
            ? "nio (one thread; a kept connection per request, written back to back)"
            : "okhttp (a thread and a kept OkHttp connection per request, released by a latch)");
        Sender poster = client.equals("nio")
            ? new NioSlashClient(new InetSocketAddress("127.0.0.1", front.port()), secret,
                AckBenchCommand::checkHeading, NO_SLACK + "commands/unused")
            : new Poster("http://127.0.0.1:" + front.port() + "/slack/events", secret, Math.max(requests, warmup));
        try {
          for (int i = 0; i < warmupRounds && warmup > 0; i++) {
            printRound(out, "warmup", poster.round(warmup));
          }
          Round measured = poster.round(requests);
          printRound(out, "ack", measured);
          measured.errorKinds().forEach((kind, count) ->
              out.printf(Locale.ROOT, "error count=%d kind=%s%n", count, kind));
          for (String text : TEXTS) {
            printSequential(out, text, poster.oneAtATime(text, sequential));
          }
        } finally {
          poster.close();
        }
      }
    } finally {
      work.shutdownNow();
    }
    printMemory(out);
    out.flush();
    return 0;
  }

  private static void printRound(PrintStream out, String name, Round round) {
    long[] all = round.nanos(null);
    out.printf(Locale.ROOT, "%s requests=%d in_flight=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d"
            + " wall_ms=%.1f send_spread_ms=%.2f status_p50_ms=%.2f list_p50_ms=%.2f help_p50_ms=%.2f"
            + " status_max_ms=%.2f list_max_ms=%.2f help_max_ms=%.2f (send to whole response)%n",
        name, all.length, all.length, ms(percentile(all, 50)), ms(percentile(all, 99)), ms(max(all)),
        round.errors(), ms(round.wallNanos()), ms(round.sendSpreadNanos()),
        ms(percentile(round.nanos("status"), 50)), ms(percentile(round.nanos("list"), 50)),
        ms(percentile(round.nanos("help"), 50)), ms(max(round.nanos("status"))), ms(max(round.nanos("list"))),
        ms(max(round.nanos("help"))));
    out.flush();
  }

  private static void printSequential(PrintStream out, String text, Round round) {
    if (round.acks().isEmpty()) {
      return;
    }
    long[] all = round.nanos(null);
    out.printf(Locale.ROOT, "sequential command=%s runs=%d p50_ms=%.2f max_ms=%.2f errors=%d"
            + " (one at a time: one acknowledgement without queueing)%n",
        text, all.length, ms(percentile(all, 50)), ms(max(all)), round.errors());
    round.errorKinds().forEach((kind, count) ->
        out.printf(Locale.ROOT, "sequential_error command=%s count=%d kind=%s%n", text, count, kind));
    out.flush();
  }

  /**
   * Signs and posts slash commands as Slack would: a form body, {@code X-Slack-Request-Timestamp}
   * and {@code X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))}. A thread
   * per request, released by a latch: on two cores the 200 threads wake one after another, and a
   * round's sends spread over some 200 ms (longer than the latencies it reports), so it measures
   * less queueing than 200 requests at once would meet. Kept as {@code --client okhttp}.
   */
  private static final class Poster implements Sender {
    private final String url;
    private final SlackSignatures signatures;
    private final OkHttpClient http;
    /**
     * Each sender its own one-connection pool: 200 callers sharing one pool of 200 connections
     * contend for its locks (OkHttp looks through the pool for a free connection under each
     * connection's monitor), which measured the client, not the bot.
     */
    private final ThreadLocal<OkHttpClient> clients;
    private final ExecutorService senders;
    private final int threads;
    private final AtomicLong triggers = new AtomicLong();

    Poster(String url, String secret, int threads) {
      this.url = url;
      this.signatures = new SlackSignatures(secret);
      this.threads = threads;
      // one connection per sender, kept open between rounds as a busy proxy keeps them
      this.http = new OkHttpClient.Builder()
          .callTimeout(CALL_TIMEOUT)
          .retryOnConnectionFailure(false)
          .proxy(java.net.Proxy.NO_PROXY)
          .build();
      this.clients = ThreadLocal.withInitial(() -> http.newBuilder()
          .connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES)).build());
      this.senders = Executors.newFixedThreadPool(threads, task -> {
        Thread thread = new Thread(task, "bench-ack-sender");
        thread.setDaemon(true);
        return thread;
      });
    }

    /** {@code count} commands, status, list, help in turn: all started at once when every sender is ready. */
    @Override
    public Round round(int count) throws InterruptedException, ExecutionException {
      if (count > threads) {
        throw new IllegalArgumentException(count + " requests, " + threads + " senders");
      }
      var ready = new CountDownLatch(count);
      var start = new CountDownLatch(1);
      List<Future<Ack>> acks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String text = TEXTS.get(i % TEXTS.size());
        Request request = signed(body(text));
        acks.add(senders.submit(() -> {
          ready.countDown();
          start.await();
          return post(text, request);
        }));
      }
      ready.await();
      long started = System.nanoTime();
      start.countDown();
      List<Ack> done = new ArrayList<>();
      for (Future<Ack> ack : acks) {
        done.add(ack.get());
      }
      return new Round(done, System.nanoTime() - started);
    }

    /**
     * {@code count} times {@code text}, each sent when the one before was answered, by a sender
     * (on a connection the server keeps: it keeps at most 200 idle ones and closes the others after
     * their answer).
     */
    @Override
    public Round oneAtATime(String text, int count) throws InterruptedException, ExecutionException {
      long started = System.nanoTime();
      List<Ack> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Request request = signed(body(text));
        done.add(senders.submit(() -> post(text, request)).get());
      }
      return new Round(done, System.nanoTime() - started);
    }

    private String body(String text) {
      return commandBody(text, triggers);
    }

    /** The request Slack would send with {@code body}, signed now. */
    private Request signed(String body) {
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      return new Request.Builder().url(url)
          .header("X-Slack-Request-Timestamp", timestamp)
          .header("X-Slack-Signature", signatures.generate(timestamp, body))
          .post(RequestBody.create(body, FORM))
          .build();
    }

    /** Posts {@code request}: the time from the send to the last byte of the answer. */
    private Ack post(String text, Request request) {
      OkHttpClient client = clients.get();
      long started = System.nanoTime();
      try (Response response = client.newCall(request).execute()) {
        String answer = response.body().string();
        long nanos = System.nanoTime() - started;
        return new Ack(text, nanos, checkHeading(text, response.code(), answer), started);
      } catch (IOException failed) {
        return new Ack(text, System.nanoTime() - started, failed.getClass().getSimpleName(), started);
      }
    }

    @Override
    public void close() {
      senders.shutdownNow();
      http.dispatcher().executorService().shutdown();
    }
  }

  /** What sends the rounds: {@link Poster} (OkHttp, a thread per request) or {@link NioSlashClient}. */
  interface Sender extends AutoCloseable {
    /** {@code count} commands at once: status, list, help in turn. */
    Round round(int count) throws Exception;

    Round oneAtATime(String text, int count) throws Exception;

    @Override
    void close();
  }

  /** The form body of {@code /vast text} with a trigger_id of its own (the bot drops repeated ones). */
  static String commandBody(String text, AtomicLong triggers) {
    return commandBody(text, triggers, NO_SLACK + "commands/unused");
  }

  /** The same with its answers sent later to {@code responseUrl}. */
  static String commandBody(String text, AtomicLong triggers, String responseUrl) {
    return AckWarmUp.commandBody("bench", text, "bench." + triggers.incrementAndGet() + "." + System.nanoTime(),
        responseUrl);
  }

  /**
   * An answer that counts: status 200 and the blocks with the command's heading; else the reason,
   * named for the error count.
   */
  static String checkHeading(String text, int status, String answer) {
    if (status != 200) {
      return "status_" + status;
    }
    if (!answer.contains("\"blocks\"") || !answer.contains(EXPECTED.get(text))) {
      return text + "_without_" + EXPECTED.get(text).replaceAll("\\W+", "_");
    }
    return null;
  }

  static String newSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** The nearest-rank percentile: the smallest value with at least {@code p} % of them at or below. */
  static long percentile(long[] values, int p) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static long max(long[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  /** The heap in use now and after a full GC, and this process's peak RSS as the kernel counts it. */
  private static void printMemory(PrintStream out) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.gc();
    MemoryUsage live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.printf(Locale.ROOT, "memory heap_used_mb=%d heap_live_mb=%d heap_committed_mb=%d heap_max_mb=%d"
            + " vm_hwm_mb=%s cpu_ms=%d (heap_used: after the run; heap_live: after a full GC)%n",
        heap.getUsed() >> 20, live.getUsed() >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20, BenchJvm.peakRssMb(),
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
  }


  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
