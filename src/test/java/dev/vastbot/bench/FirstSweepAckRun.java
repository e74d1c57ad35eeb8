package dev.vastbot.bench;

import dev.vastbot.app.ExecutorTaskScheduler;
import dev.vastbot.app.LoggedAlerts;
import dev.vastbot.app.Vastbot;
import dev.vastbot.bench.AckBenchCommand.Ack;
import dev.vastbot.bench.AckBenchCommand.Round;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.cli.BotAssembly;
import dev.vastbot.cli.CliContext;
import dev.vastbot.cli.ServeCommand;
import dev.vastbot.config.VastbotConfig;
import dev.vastbot.fleet.access.ChannelScope;
import dev.vastbot.fleet.health.SweepProgress;
import dev.vastbot.fleet.port.ApprovalPrompts;
import dev.vastbot.fleet.port.UserGroups;
import dev.vastbot.slack.HttpFront;
import dev.vastbot.slack.HttpLimits;
import dev.vastbot.slack.SlackBot;
import dev.vastbot.slack.SlackDelivery;
import dev.vastbot.slack.SlackSettings;
import dev.vastbot.ssh.SshKeys;
import dev.vastbot.store.JdbcFleetStore;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench-ack --during-first-sweep}: acknowledgements while a new bot's first fleet list and
 * first health sweeps run. The bot starts as {@code serve} starts in HTTP mode: {@link SlackBot}
 * on {@link HttpFront} ({@value ServeCommand#HTTP_THREADS} Slack workers, {@value
 * ServeCommand#WORK_THREADS} work threads), its loops scheduled (the health and keepalive ticks
 * come after 5 s; each lists or reads the fleet, then sweeps every running instance over SSH), the
 * first list and the acknowledgement warm-up on a work thread ({@link
 * ServeCommand#firstListThenWarmUp}), the outbox on a thread of its own. An SSH key is made for
 * the run, so the sweeps really connect.
 *
 * <p>From the start, every {@code interval} (before the first list, every {@code
 * firstListInterval}) a round of signed slash commands all in flight at once,
 * the commands of {@link #MIX} in turn: help, status, list, health, a mutating command the
 * benchmark's user may not run (the config names no operator), a parse error. Their response
 * URLs point at a loopback stand-in that takes every answer sent later. Until the
 * health loop's first tick is recorded and no sweep is under way, or the bound. Each round is filed
 * under the phase it began in: {@code first_list} (no fleet snapshot yet), {@code sweep} (a health
 * sweep under way, with its progress) or {@code other}. Prints a line per round and one per phase.
 */
final class FirstSweepAckRun {
  /** The commands of a round, in turn. */
  static final List<String> MIX = List.of("help", "status", "list", "health", "stop 1", "frobnicate");
  /** What each command's acknowledgement must hold (one of), besides status 200 and blocks. */
  private static final Map<String, List<String>> EXPECTED = Map.of(
      "help", List.of("vastbot commands"),
      "status", List.of("Fleet status", "Working on"),
      "list", List.of("Instances (", "Working on"),
      "health", List.of("Health of", "in progress", "Working on"),
      "stop 1", List.of("may not run"),
      "frobnicate", List.of("Unknown command"));
  /** How often a wait between rounds looks whether the first list is done. */
  private static final Duration POLL = Duration.ofMillis(100);
  /** How long the answers sent later may take after the last round, before the run says they did not all come. */
  private static final Duration ANSWERS_BOUND = Duration.ofMinutes(3);
  /** Commands acknowledged with "Working on": each has an answer coming by response URL. One run a process. */
  private static final java.util.concurrent.atomic.AtomicLong DEFERRED = new java.util.concurrent.atomic.AtomicLong();
  static final String FIRST_LIST = "first_list";
  static final String SWEEP = "sweep";
  static final String OTHER = "other";

  /**
   * @param requests commands in each round
   * @param interval from one round's start to the next one's, once the first list is done
   * @param firstListInterval the same before it (each round's status, list and health wait for the
   *     list and are answered after it, all at once, on the work threads: kept apart so that this
   *     backlog does not stand for what the sweep costs)
   * @param bound the most the rounds may take in all
   * @param commands the commands of a round, in turn (those of {@link #MIX} are checked)
   */
  record Options(int requests, Duration interval, Duration firstListInterval, Duration bound, int httpThreads,
      List<String> commands) {}

  /** A round and what the bot was doing when it began. */
  record PhasedRound(String phase, long startedNanos, Optional<SweepProgress> progress, Round round) {}

  private final CliContext context;
  private final Options options;

  FirstSweepAckRun(CliContext context, Options options) {
    this.context = context;
    this.options = options;
  }

  int measure(Path scratch) throws Exception {
    PrintStream out = context.out();
    BenchScratch.Bot bench = BenchScratch.bot(withSshKey(scratch), scratch);
    CliContext botContext = bench.context();
    VastbotConfig config = BotAssembly.config(botContext);
    String secret = AckBenchCommand.newSecret();
    // its response URLs are the loopback stand-in's, so the bench allows those
    var settings = new SlackSettings(null, secret, "http://127.0.0.1:9/", AckBenchCommand.BENCH_CHANNEL)
        .allowingLoopbackResponseUrl();
    ExecutorService work = Executors.newFixedThreadPool(ServeCommand.WORK_THREADS);
    List<PhasedRound> rounds = new ArrayList<>();
    var store = JdbcFleetStore.open(config.store().jdbcUrl());
    var delivery = SlackDelivery.on(store, null, context.http(), context.clock());
    try (ResponseSink sink = ResponseSink.start();
        Vastbot bot = BotAssembly.open(botContext, config, store, ApprovalPrompts.NONE, new LoggedAlerts(),
            ChannelScope.ofIds(List.of(AckBenchCommand.BENCH_CHANNEL), false), UserGroups.NONE);
        var scheduler = new ExecutorTaskScheduler(4);
        var sending = new ExecutorTaskScheduler(1);
        delivery) {
      out.printf("vastbot bench-ack --during-first-sweep: bot store %s; HTTP mode, %d Slack workers, no bot token;"
          + " the loops and the outbox started as serve starts them%n", bench.store(), options.httpThreads());
      delivery.start(sending);
      var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, context.clock(),
          delivery.outbox(), CommandAttachments.NONE, () -> bot.snapshots().peek().isPresent());
      try (HttpFront front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(slackBot.app()),
          bot.metrics()::scrape, () -> true, HttpLimits.DEFAULT.withSlackWorkers(options.httpThreads()),
          context.clock());
          var client = new NioSlashClient(new InetSocketAddress("127.0.0.1", front.port()), secret,
              FirstSweepAckRun::check, sink.url())) {
        long started = System.nanoTime();
        bot.startLoops(scheduler);
        work.submit(() -> ServeCommand.firstListThenWarmUp(bot, slackBot, front.port(), context.http(), out));
        sendRounds(bot, client, started, rounds, out);
      }
      long atEnd = sink.received();
      long waited = System.nanoTime();
      boolean all = awaitAnswersLater(sink, work, store);
      out.printf(Locale.ROOT, "first_sweep_answers_later acknowledged_as_working_on=%d delivered_by_the_end=%d"
          + " delivered=%d all=%s after_s=%.1f (answers by response URL, through the outbox, to a loopback"
          + " stand-in)%n", DEFERRED.get(), atEnd, sink.received(), all, (System.nanoTime() - waited) / 1e9);
    } finally {
      work.shutdownNow();
    }
    printPhases(out, rounds);
    return 0;
  }

  /**
   * Waits, at most {@link #ANSWERS_BOUND}, until every command acknowledged with "Working on" has
   * had its answer delivered: the work threads idle and the outbox empty; whether they all were.
   */
  private static boolean awaitAnswersLater(ResponseSink sink, ExecutorService work, JdbcFleetStore store) {
    long deadline = System.nanoTime() + ANSWERS_BOUND.toNanos();
    var pool = (java.util.concurrent.ThreadPoolExecutor) work;
    while (System.nanoTime() < deadline) {
      if (sink.received() >= DEFERRED.get() && pool.getActiveCount() == 0 && pool.getQueue().isEmpty()
          && store.pendingMessages() == 0) {
        return true;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return false;
  }

  /** Slack's response URLs, on loopback: answers 200 to every POST and counts them. */
  private static final class ResponseSink implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

    private ResponseSink(com.sun.net.httpserver.HttpServer server) {
      this.server = server;
    }

    static ResponseSink start() throws java.io.IOException {
      var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      var sink = new ResponseSink(server);
      server.createContext("/", exchange -> {
        try (exchange) {
          exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
          sink.received.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
        }
      });
      // threads of its own: a connection that never finishes its request (a swept host's port can be
      // this one: those are picked from a range the kernel also hands out) holds one, not the sink
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "bench-response-sink");
        thread.setDaemon(true);
        return thread;
      }));
      server.start();
      return sink;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/commands/";
    }

    long received() {
      return received.get();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** A context whose VAST_SSH_KEY is a new ed25519 key in the scratch folder. */
  private CliContext withSshKey(Path scratch) {
    Path key = scratch.resolve("vast_ed25519");
    SshKeys.createEd25519(key, "vastbot-bench-ack");
    var env = new HashMap<>(context.env());
    env.put("VAST_SSH_KEY", key.toString());
    return new CliContext(env, context.home(), context.in(), context.out(), context.err(), context.clock(), context.pause());
  }

  private void sendRounds(Vastbot bot, NioSlashClient client, long started, List<PhasedRound> rounds,
      PrintStream out) throws Exception {
    long deadline = started + options.bound().toNanos();
    boolean sweepSeen = false;
    while (System.nanoTime() < deadline) {
      long roundStart = System.nanoTime();
      Optional<SweepProgress> progress = bot.healthSweep().inProgress();
      String phase = bot.snapshots().peek().isEmpty() ? FIRST_LIST : progress.isPresent() ? SWEEP : OTHER;
      sweepSeen |= progress.isPresent();
      if (sweepSeen && progress.isEmpty() && healthTicked(bot)) {
        break;
      }
      var round = new PhasedRound(phase, roundStart - started, progress, client.round(texts()));
      rounds.add(round);
      printRound(out, round);
      Duration interval = phase.equals(FIRST_LIST) ? options.firstListInterval() : options.interval();
      long next = roundStart + interval.toNanos();
      while (System.nanoTime() < next && !(phase.equals(FIRST_LIST) && bot.snapshots().peek().isPresent())) {
        LockSupport.parkNanos(Math.min(POLL.toNanos(), Math.max(0, next - System.nanoTime())));
      }
    }
  }

  private static boolean healthTicked(Vastbot bot) {
    return bot.loops().stream().anyMatch(loop -> loop.name().equals("health") && loop.lastTick().isPresent());
  }

  private List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < options.requests(); i++) {
      texts.add(options.commands().get(i % options.commands().size()));
    }
    return texts;
  }

  /** 200 with blocks holding one of the command's expected marks; else why not. */
  static String check(String text, int status, String answer) {
    if (status == 200 && answer.contains("Working on")) {
      DEFERRED.incrementAndGet();
    }
    if (status != 200) {
      return "status_" + status;
    }
    if (!answer.contains("\"blocks\"")
        || EXPECTED.getOrDefault(text, List.of("")).stream().noneMatch(answer::contains)) {
      return text.replaceAll("\\W+", "_") + "_unexpected_answer";
    }
    return null;
  }

  private static void printRound(PrintStream out, PhasedRound phased) {
    long[] all = phased.round().nanos(null);
    String progress = phased.progress().map(p -> p.checked() + "/" + p.total()).orElse("-");
    out.printf(Locale.ROOT, "first_sweep_round at_s=%.1f phase=%s sweep_checked=%s requests=%d p50_ms=%.2f"
            + " p99_ms=%.2f max_ms=%.2f errors=%d%n", phased.startedNanos() / 1e9, phased.phase(), progress,
        all.length, ms(AckBenchCommand.percentile(all, 50)), ms(AckBenchCommand.percentile(all, 99)),
        ms(max(all)), phased.round().errors());
    out.flush();
  }

  private static void printPhases(PrintStream out, List<PhasedRound> rounds) {
    Map<String, List<Ack>> byPhase = new LinkedHashMap<>();
    for (String phase : List.of(FIRST_LIST, SWEEP, OTHER)) {
      byPhase.put(phase, new ArrayList<>());
    }
    rounds.forEach(r -> byPhase.get(r.phase()).addAll(r.round().acks()));
    byPhase.forEach((phase, acks) -> {
      long[] all = acks.stream().mapToLong(Ack::nanos).toArray();
      long rounded = rounds.stream().filter(r -> r.phase().equals(phase)).count();
      Map<String, Long> errors = new TreeMap<>();
      acks.stream().filter(a -> a.error() != null).forEach(a -> errors.merge(a.error(), 1L, Long::sum));
      out.printf(Locale.ROOT, "first_sweep_phase phase=%s rounds=%d requests=%d p50_ms=%.2f p99_ms=%.2f"
              + " max_ms=%.2f errors=%d%s%n", phase, rounded, all.length, ms(AckBenchCommand.percentile(all, 50)),
          ms(AckBenchCommand.percentile(all, 99)), ms(max(all)), errors.values().stream().mapToLong(Long::longValue)
              .sum(), errors.isEmpty() ? "" : " error_kinds=" + errors);
      for (String text : acks.stream().map(Ack::text).distinct().toList()) {
        long[] some = acks.stream().filter(a -> a.text().equals(text)).mapToLong(Ack::nanos).toArray();
        if (some.length > 0) {
          out.printf(Locale.ROOT, "first_sweep_command phase=%s command=%s requests=%d p50_ms=%.2f p99_ms=%.2f"
                  + " max_ms=%.2f%n", phase, text.replace(' ', '_'), some.length,
              ms(AckBenchCommand.percentile(some, 50)), ms(AckBenchCommand.percentile(some, 99)), ms(max(some)));
        }
      }
    });
    out.flush();
  }

  private static long max(long[] values) {
    return java.util.Arrays.stream(values).max().orElse(0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
