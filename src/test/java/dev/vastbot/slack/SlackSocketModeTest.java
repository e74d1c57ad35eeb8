package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.vastbot.app.Vastbot;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.OperationState;
import dev.vastbot.testing.BotParts;
import dev.vastbot.testing.FakeGpuProvider;
import dev.vastbot.testing.InMemoryFleetStore;
import dev.vastbot.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bot in Socket Mode end to end: {@code apps.connections.open} at the local stand-in hands out
 * a {@code ws://127.0.0.1} URL, the WebSocket stand-in sends a slash command envelope and a button
 * click, and each acknowledgement carries its envelope id (the command's with its answer).
 */
class SlackSocketModeTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private final SlackStandIn slack = SlackStandIn.start();
  private final SocketModeStandIn socket = SocketModeStandIn.start();
  private final FakeGpuProvider vast = new FakeGpuProvider().withReachableInstance(7, "RTX 4090");
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final MutableClock clock = MutableClock.atEpochDay();
  private final Vastbot bot = BotParts.slackBot(BotParts.of(vast, store, clock), SlackPayloads.CHANNEL_ID,
      List.of(), List.of());
  private final ExecutorService work = Executors.newFixedThreadPool(2);
  private final LiveOutbox live = LiveOutbox.on(store, slack);
  private SocketModeApp socketMode;

  @AfterEach
  void stop() throws Exception {
    SocketModeClient client = socketMode == null ? null : socketMode.getClient();
    if (socketMode != null) {
      socketMode.close();
    }
    if (client != null) {
      client.close();
    }
    work.shutdownNow();
    live.close();
    bot.close();
    socket.close();
    slack.close();
  }

  @Test
  void aSlashCommandAndAClick_areAckedWithTheirEnvelopeIds() throws Exception {
    slack.attach(socket);
    var settings = new SlackSettings(SlackStandIn.BOT_TOKEN, null, slack.methodsUrlPrefix(), "C0000CHAN")
        .allowingLoopbackResponseUrl(); // the stand-in's response URLs are on 127.0.0.1
    var slackBot = new SlackBot(settings, bot.router(), SlackBot.defaultBlocks(), work, Clock.systemUTC(),
        live.outbox());
    socketMode = new SocketModeApp(SlackStandIn.APP_TOKEN, SocketModeClient.Backend.JavaWebSocket, slackBot.app());
    socketMode.startAsync();
    socket.awaitConnections(1, BOUND);
    assertTrue(slack.calls("apps.connections.open").get(0).answerJson().path("url").asText()
        .startsWith("ws://127.0.0.1:"));

    var fields = SlackPayloads.slashCommandFields("status", slack.responseUrl("cmd"));
    fields.put("trigger_id", "socket-trigger-1");
    socket.sendSlashCommand("env-cmd-1", fields);
    var commandAck = socket.awaitAckMessage("env-cmd-1", BOUND);
    assertEquals("env-cmd-1", commandAck.envelopeId());
    assertTrue(commandAck.payload().path("blocks").toString().contains("Fleet status"), commandAck.raw());

    long request = bot.terminator().request(7, Actor.CONSOLE, false, "test").operation().id();
    socket.sendBlockAction("env-act-1", SlackPayloads.blockAction(SlackApprovalPrompts.DENY,
        Long.toString(request), "1700000000.000100", slack.responseUrl("act")));
    assertEquals("env-act-1", socket.awaitAckMessage("env-act-1", BOUND).envelopeId());
    var reason = slack.awaitResponses("act", 1, BOUND).get(0);
    assertTrue(reason.toString().contains("slack.approvers is empty"), reason.toString());
    assertEquals("ephemeral", reason.path("response_type").asText());
    assertEquals(OperationState.AWAITING_APPROVAL, store.operation(request).orElseThrow().state(),
        "a refused click changes nothing");
  }
}
