package dev.vastbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bolt's {@link SocketModeApp} on the Java-WebSocket backend, end to end against {@link
 * SlackStandIn} ({@code apps.connections.open}, {@code auth.test}) and {@link SocketModeStandIn}.
 */
class SocketModeStandInTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final SlackStandIn slack = SlackStandIn.start();
  private final SocketModeStandIn socketMode = SocketModeStandIn.start();
  private final Slack sdk = Slack.getInstance(slack.sdkConfig());
  private final App app =
      new App(AppConfig.builder().slack(sdk).singleTeamBotToken(SlackStandIn.BOT_TOKEN).build());
  private final List<String> clickedActions = new CopyOnWriteArrayList<>();
  private SocketModeApp socketModeApp;

  @BeforeEach
  void connect() throws Exception {
    slack.attach(socketMode);
    app.command("/vast", (request, context) -> {
      if (request.getPayload().getText().equals("respond")) {
        context.respond("from the response_url");
      }
      return context.ack("vast " + request.getPayload().getText());
    });
    app.blockAction(Pattern.compile(".*"), (request, context) -> {
      var action = request.getPayload().getActions().get(0);
      clickedActions.add(action.getActionId() + "=" + action.getValue());
      return context.ack();
    });
    socketModeApp =
        new SocketModeApp(SlackStandIn.APP_TOKEN, SocketModeClient.Backend.JavaWebSocket, app);
    socketModeApp.startAsync();
    socketMode.awaitConnections(1, BOUND);
  }

  @AfterEach
  void disconnect() throws Exception {
    SocketModeClient client = socketModeApp.getClient();
    socketModeApp.close();
    if (client != null) {
      client.close(); // SocketModeApp.close() leaves the client's executors running
    }
    sdk.close();
    socketMode.close();
    slack.close();
  }

  @Test
  void theClientConnectsOnTheUrlFromAppsConnectionsOpen_withTheAppToken() {
    var opens = slack.calls("apps.connections.open");
    assertFalse(opens.isEmpty());
    assertTrue(opens.stream().allMatch(call -> call.token().equals(SlackStandIn.APP_TOKEN)));
    String url = opens.get(opens.size() - 1).answerJson().path("url").asText();
    assertTrue(url.startsWith("ws://127.0.0.1:" + socketMode.port() + "/link/?ticket="), url);
    String path = socketMode.connectedPaths().get(socketMode.connectedPaths().size() - 1);
    assertTrue(url.endsWith(path), url + " vs " + path);
  }

  @Test
  void aSlashCommandEnvelope_isAckedWithItsEnvelopeIdAndTheHandlersText() {
    socketMode.sendSlashCommand(
        "env-cmd-1", SlackPayloads.slashCommandFields("status", slack.responseUrl("cmd-1")));

    var ack = socketMode.awaitAckMessage("env-cmd-1", BOUND);

    assertEquals("env-cmd-1", ack.envelopeId());
    assertEquals("vast status", ack.payload().path("text").asText());
  }

  @Test
  void aBlockActionEnvelope_isAckedWithItsEnvelopeIdAndNoPayload() {
    socketMode.sendBlockAction(
        "env-act-1",
        SlackPayloads.blockAction(
            "vast-approve", "op-42", "1700000000.000100", slack.responseUrl("act-1")));

    var ack = socketMode.awaitAckMessage("env-act-1", BOUND);

    assertFalse(ack.hasPayload(), ack.raw());
    assertEquals("{\"envelope_id\":\"env-act-1\"}", ack.raw());
    assertEquals(List.of("vast-approve=op-42"), clickedActions);
  }

  @Test
  void respondFromASocketModeHandler_postsToTheStandInsResponseUrl() {
    socketMode.sendSlashCommand(
        "env-cmd-2", SlackPayloads.slashCommandFields("respond", slack.responseUrl("cmd-2")));

    socketMode.awaitAck("env-cmd-2", BOUND);
    var posted = slack.awaitResponses("cmd-2", 1, BOUND);

    assertEquals("from the response_url", posted.get(0).path("text").asText());
  }

  @Test
  void afterADisconnectMessage_theClientReconnectsAndEnvelopesStillArrive() {
    socketMode.sendDisconnect("refresh_requested");
    socketMode.awaitConnections(2, BOUND);

    socketMode.sendSlashCommand(
        "env-cmd-3", SlackPayloads.slashCommandFields("list", slack.responseUrl("cmd-3")));

    assertEquals("vast list", socketMode.awaitAck("env-cmd-3", BOUND).path("text").asText());
  }
}
