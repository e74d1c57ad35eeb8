package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vastbot.app.Vastbot;
import dev.vastbot.chat.command.CommandAttachments;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up of HTTP mode, against the real app on {@link HttpFront} over loopback: it
 * sends signed read-only commands that are acknowledged with their answers, changes nothing and
 * posts nothing; before the fleet snapshot it sends only what needs no fleet; it is skipped in
 * Socket Mode; a wrong secret stops it after one burst.
 */
class AckWarmUpTest {
  private static final String SECRET = "warm-up-test-secret";
  private static final String CHANNEL = "C0WARMUP";
  private static final AckWarmUp.Limits SMALL = new AckWarmUp.Limits(30, 30, 10, Duration.ofSeconds(30));
  private final SlackStandIn slack = SlackStandIn.start();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(7, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final Vastbot bot = BotParts.slackBot(BotParts.of(vast, store, MutableClock.atEpochDay()), CHANNEL,
      List.of(), List.of());
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final AtomicBoolean snapshotReady = new AtomicBoolean(true);
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private HttpFront front;

  private SlackBot serve(String secret) throws IOException {
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, secret, slack.methodsUrlPrefix(), CHANNEL);
    var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        live.outbox(), CommandAttachments.NONE, snapshotReady::get);
    // as serve wires it: no Slack app on the port in Socket Mode (there is no secret to check requests with)
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.ofNullable(secret).map(s -> slackBot.app()),
        bot.metrics()::scrape, () -> true, 4);
    return slackBot;
  }

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    work.shutdownNow();
    live.close();
    bot.close();
    slack.close();
  }

  @Test
  void sendsSignedReadOnlyCommands_allAnsweredInTheAck_andChangesNothing() throws Exception {
    SlackBot slackBot = serve(SECRET);
    bot.snapshots().current();
    var callsBefore = vast.calls();

    AckWarmUp.Result result = slackBot.warmUp(front.port(), SMALL, new OkHttpClient());

    assertNull(result.skipped());
    assertEquals(30, result.requests());
    assertEquals(0, result.failed(), "every warm-up command is acknowledged with its blocks");
    assertTrue(result.summary().startsWith("acknowledgement warm-up: 30 signed slash commands"), result.summary());
    assertFalse(result.summary().contains(SECRET));
    assertTrue(store.recentAudit(10).isEmpty(), "read-only commands are not audited");
    assertEquals(callsBefore, vast.calls(), "nothing was asked of Vast: the answers come from the snapshot");
    var posted = slack.calls().stream().filter(call -> !call.method().equals("auth.test")).toList();
    assertTrue(posted.isEmpty(), "nothing was posted to Slack (Bolt's own auth.test aside): " + posted);
  }

  @Test
  void aWrongSecret_failsEveryRequest_andStopsAfterOneBurst() throws Exception {
    serve(SECRET);
    bot.snapshots().current();

    AckWarmUp.Result result = new AckWarmUp(new OkHttpClient(), front.port(), "not-the-secret", CHANNEL,
        Clock.systemUTC())
        .run(SMALL, () -> {});

    assertEquals(10, result.requests(), "one burst, then it gives up");
    assertEquals(10, result.failed());
    assertTrue(result.summary().contains("10 failed"), result.summary());
  }

  @Test
  void beforeTheFirstList_itSendsOnlyWhatNeedsNoFleet_andListsNothing() throws Exception {
    snapshotReady.set(false);
    SlackBot slackBot = serve(SECRET);

    AckWarmUp.Result result = slackBot.warmUp(front.port(), SMALL, new OkHttpClient());

    assertNull(result.skipped());
    assertEquals(30, result.requests());
    assertEquals(0, result.failed(), "help, whoami and a line that does not parse are answered at once");
    assertTrue(vast.calls().isEmpty(), "nothing listed the fleet: " + vast.calls());
  }

  @Test
  void afterTheFirstList_theSnapshotAnswersAreRendered_withoutProbingOrSendingAnything() throws Exception {
    SlackBot slackBot = serve(SECRET);
    bot.snapshots().current();
    int listed = vast.calls().size();

    slackBot.warmRenders(3);

    assertEquals(listed, vast.calls().size(), "rendered from the snapshot: " + vast.calls());
  }

  @Test
  void inSocketMode_withoutASigningSecret_itIsSkipped() throws Exception {
    SlackBot slackBot = serve(null);

    AckWarmUp.Result result = slackBot.warmUp(front.port(), SMALL, new OkHttpClient());

    assertTrue(result.skipped().contains("Socket Mode"), result.skipped());
    assertEquals(0, result.requests());
  }

  @Test
  void anInterruptedWarmUp_sendsNoMore() throws Exception {
    serve(SECRET);
    bot.snapshots().current();

    Thread.currentThread().interrupt(); // serve stopping: its work threads are interrupted
    AckWarmUp.Result result;
    try {
      result = new AckWarmUp(new OkHttpClient(), front.port(), SECRET, CHANNEL, Clock.systemUTC()).run(SMALL, () -> {});
    } finally {
      Thread.interrupted();
    }

    assertEquals(0, result.requests());
  }

  @Test
  void whilePeoplesCommandsComeIn_itSendsNothing_andAfterThemItWarmsUp() throws Exception {
    serve(SECRET);
    bot.snapshots().current();
    var shortBudget = new AckWarmUp.Limits(30, 30, 10, Duration.ofMillis(300));

    AckWarmUp.Result busy = new AckWarmUp(new OkHttpClient(), front.port(), SECRET, CHANNEL, Clock.systemUTC())
        .run(shortBudget, () -> {}, () -> true);
    AckWarmUp.Result quiet = new AckWarmUp(new OkHttpClient(), front.port(), SECRET, CHANNEL, Clock.systemUTC())
        .run(SMALL, () -> {}, () -> false);

    assertEquals(0, busy.requests(), "it made way until its budget ran out");
    assertEquals(30, quiet.requests());
    assertTrue(AckWarmUp.sentBy("U0" + AckWarmUp.SOURCE.toUpperCase().replace("-", "")));
    assertFalse(AckWarmUp.sentBy(SlackPayloads.USER_ID), "a person's command is not the warm-up's");
  }

  @Test
  void limitsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new AckWarmUp.Limits(10, 5, 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new AckWarmUp.Limits(0, 5, 0, Duration.ZERO));
  }
}
