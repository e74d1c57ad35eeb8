package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.AppConfig;
import dev.vastbot.testing.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpFront} against slow and greedy clients, over raw HTTP/1.1 on loopback (each client
 * from its own 127.x address): 200 connections that send half a request line and stall do not stop
 * {@code /healthz}, and are dropped after the head deadline; a head trickled a byte at a time is
 * dropped too; a stalled body gets 408; one address over its connection cap is refused while the
 * others are served; {@code /healthz} and {@code /metrics} answer while every Slack worker is busy;
 * an idle kept-alive connection is left alone.
 */
class HttpFrontSlowClientsTest {
  private static final String SECRET = "slow-clients-test-secret";
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
  private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  private final List<Socket> sockets = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch busy = new CountDownLatch(2);
  private HttpFront front;

  private void serve(Duration headDeadline, Duration bodyDeadline, int perClient) throws IOException {
    var app = new SigningApp(AppConfig.builder().signingSecret(SECRET).build());
    app.command("/vast", (request, context) -> {
      busy.countDown();
      try {
        release.await(30, TimeUnit.SECONDS); // a worker held until the test lets go
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
      }
      return context.ack("done");
    });
    var limits = new HttpLimits(2, 100, headDeadline, bodyDeadline, Duration.ofSeconds(30), perClient, 1_000);
    front = HttpFront.start(new InetSocketAddress("127.0.0.1", 0), Optional.of(app), () -> "vastbot_up 1\n",
        () -> true, limits, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    for (Socket socket : sockets) {
      socket.close();
    }
    if (front != null) {
      front.close();
    }
  }

  private Socket connect(String from) throws IOException {
    Socket socket = RawHttp.connectFrom(from, front.port());
    sockets.add(socket);
    return socket;
  }

  private RawHttp.Answer healthz() throws IOException {
    try (Socket socket = RawHttp.connectFrom("127.0.0.1", front.port())) {
      return RawHttp.exchange(socket, HEALTHZ, ANSWER_BOUND);
    }
  }

  @Test
  void twoHundredStalledHeads_doNotStopHealthz_andAreDroppedAfterTheHeadDeadline() throws Exception {
    Duration deadline = Duration.ofSeconds(3);
    serve(deadline, Duration.ofSeconds(3), 50);
    long opened = System.nanoTime();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Socket socket = connect("127.0.0." + (2 + i % 10)); // 10 addresses, 20 each: under the cap
      RawHttp.write(socket, "GET /heal");
      slow.add(socket);
    }

    assertEquals(200, healthz().status(), "answered while 200 heads are stalled");
    for (Socket socket : slow) {
      assertFalse(RawHttp.closedWithin(socket, Duration.ofMillis(1)), "still held when /healthz answered");
    }
    for (Socket socket : slow) {
      assertTrue(RawHttp.closedWithin(socket, deadline.multipliedBy(3)), "a stalled head is dropped");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - opened);
    assertTrue(took.compareTo(deadline) >= 0, "not before the deadline: " + took);
    assertEquals(200, healthz().status());
  }

  @Test
  void aFirstHeadTrickledAByteAtATime_isDropped() throws Exception {
    Duration deadline = Duration.ofSeconds(1);
    serve(deadline, deadline, 50);

    assertTrickledHeadDropped(connect("127.0.0.2"), deadline);
  }

  @Test
  void aLaterHeadTrickledAByteAtATime_onAKeptAliveConnection_isDropped() throws Exception {
    Duration deadline = Duration.ofSeconds(1);
    serve(deadline, deadline, 50);
    Socket socket = connect("127.0.0.2");
    assertEquals(200, RawHttp.exchange(socket, HEALTHZ, ANSWER_BOUND).status());

    assertTrickledHeadDropped(socket, deadline);
  }

  /** Sends a head a byte every 200 ms; the front must close within two deadlines (plus one look's lag). */
  private static void assertTrickledHeadDropped(Socket socket, Duration deadline) throws IOException {
    RawHttp.write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      long started = System.nanoTime();
      trickle.scheduleAtFixedRate(() -> {
        try {
          RawHttp.write(socket, "a");
        } catch (IOException closed) {
          throw new IllegalStateException(closed); // ends the schedule
        }
      }, 0, 200, TimeUnit.MILLISECONDS);

      assertTrue(RawHttp.closedWithin(socket, deadline.multipliedBy(5)), "a trickled head is dropped");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(took.compareTo(deadline.multipliedBy(7).dividedBy(2)) < 0, "within two deadlines and a look: " + took);
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void aStalledBody_gets408AndTheConnectionCloses() throws Exception {
    serve(Duration.ofSeconds(5), Duration.ofSeconds(1), 50);
    Socket socket = connect("127.0.0.2");

    RawHttp.Answer answer = RawHttp.exchange(socket, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncommand=%2", Duration.ofSeconds(5));

    assertEquals(408, answer.status());
    assertTrue(RawHttp.closedWithin(socket, Duration.ofSeconds(5)));
  }

  @Test
  void oneAddressOverItsConnectionCap_isRefused_andOthersAreServed() throws Exception {
    serve(Duration.ofSeconds(10), Duration.ofSeconds(10), 25);
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Socket socket = connect("127.0.0.12");
      assertEquals(200, RawHttp.exchange(socket, HEALTHZ, ANSWER_BOUND).status()); // opened, in this order
      held.add(socket);
    }
    Socket overTheCap = connect("127.0.0.12");

    assertTrue(RawHttp.closedWithin(overTheCap, ANSWER_BOUND), "the 26th connection of one address is closed");
    for (Socket socket : held) {
      assertFalse(RawHttp.closedWithin(socket, Duration.ofMillis(1)), "the first 25 are kept");
    }
    assertEquals(200, healthz().status(), "another address is served");
    held.get(0).close();
    int freed = Eventually.await("a place freed by a close is taken", () -> healthzFrom("127.0.0.12"),
        status -> status == 200);
    assertEquals(200, freed);
  }

  /** The status of {@code /healthz} asked from {@code address}, or -1 when the connection was refused. */
  private int healthzFrom(String address) {
    try (Socket socket = RawHttp.connectFrom(address, front.port())) {
      return RawHttp.exchange(socket, HEALTHZ, ANSWER_BOUND).status();
    } catch (IOException refused) {
      return -1;
    }
  }

  @Test
  void healthzAndMetrics_answerWhileEverySlackWorkerIsBusy() throws Exception {
    serve(Duration.ofSeconds(5), Duration.ofSeconds(5), 50);
    var signed = new SignedRequests(SECRET, Clock.systemUTC());
    var http = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).readTimeout(Duration.ofSeconds(30)).build();
    var done = new CountDownLatch(3);
    List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 3; i++) {
      var request = signed.slashCommand("status", "https://hooks.slack.com/commands/T0/1/x");
      var builder = new Request.Builder().url("http://127.0.0.1:" + front.port() + "/slack/events")
          .post(RequestBody.create(request.body(), MediaType.get("application/x-www-form-urlencoded")));
      request.headers().forEach(builder::header);
      http.newCall(builder.build()).enqueue(new okhttp3.Callback() {
        @Override
        public void onResponse(Call c, Response response) {
          statuses.add(response.code());
          response.close();
          done.countDown();
        }

        @Override
        public void onFailure(Call c, IOException e) {
          statuses.add(-1);
          done.countDown();
        }
      });
    }
    assertTrue(busy.await(10, TimeUnit.SECONDS), "both Slack workers are held");

    assertEquals(200, healthz().status());
    try (Socket socket = RawHttp.connectFrom("127.0.0.1", front.port())) {
      RawHttp.Answer metrics = RawHttp.exchange(socket, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
          ANSWER_BOUND);
      assertEquals("vastbot_up 1\n", metrics.body());
    }
    release.countDown();
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(200, 200, 200), statuses);
  }

  @Test
  void anIdleKeptAliveConnection_isLeftAloneByTheHeadDeadline() throws Exception {
    Duration deadline = Duration.ofSeconds(1);
    serve(deadline, deadline, 50);
    Socket socket = connect("127.0.0.2");

    assertEquals(200, RawHttp.exchange(socket, HEALTHZ, ANSWER_BOUND).status());
    assertFalse(RawHttp.closedWithin(socket, deadline.multipliedBy(3)), "idle past two head deadlines");
    assertEquals(200, RawHttp.exchange(socket, HEALTHZ, ANSWER_BOUND).status());
  }
}
