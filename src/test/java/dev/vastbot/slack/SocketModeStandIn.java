package dev.vastbot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server on 127.0.0.1 (ephemeral port) standing in for Slack's Socket Mode endpoint.
 *
 * <p>Each client that connects gets Slack's {@code hello} message. The test then sends envelopes
 * to the newest open connection ({@link #sendSlashCommand}, {@link #sendBlockAction}, {@link
 * #sendEnvelope}), shaped as Slack sends them and as the SDK's {@code SocketModeRequestParser}
 * reads them: {@code {"envelope_id":..,"type":..,"accepts_response_payload":..,"payload":{..}}}.
 * Acks the client sends back ({@code {"envelope_id":..,"payload":{..}}}, the payload absent for a
 * bare {@code ctx.ack()}) are recorded and awaited with {@link #awaitAck}.
 *
 * <p>Attach it to a {@link SlackStandIn} so that {@code apps.connections.open} hands out {@link
 * #issueUrl()}. Thread-safe.
 */
public final class SocketModeStandIn implements AutoCloseable {
  public static final String APP_ID = "A0000TEST";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message with an {@code envelope_id} that a client sent; {@code payload} may be missing. */
  public record Ack(String envelopeId, JsonNode payload, String raw) {
    public boolean hasPayload() {
      return !payload.isMissingNode() && !payload.isNull();
    }
  }

  private final Server server;
  private final Awaited records = new Awaited();
  private final List<WebSocket> open = new ArrayList<>();
  private final List<String> connectedPaths = new ArrayList<>();
  private final List<Ack> acks = new ArrayList<>();
  private final List<String> otherMessages = new ArrayList<>();
  private final AtomicInteger tickets = new AtomicInteger();
  private volatile boolean started;
  private volatile Exception startFailure;

  private SocketModeStandIn() {
    server = new Server(new InetSocketAddress(SlackStandIn.loopback(), 0));
    server.setReuseAddr(true);
    server.setDaemon(true);
    server.start();
    records.until("the WebSocket server to listen", SlackStandIn.DEFAULT_BOUND,
        () -> started || startFailure != null, Boolean::booleanValue);
    if (startFailure != null) {
      throw new IllegalStateException("Socket Mode stand-in did not start", startFailure);
    }
  }

  /** Starts a stand-in listening on 127.0.0.1 and an ephemeral port. */
  public static SocketModeStandIn start() {
    return new SocketModeStandIn();
  }

  public int port() {
    return server.getPort();
  }

  /**
   * A new connection URL, {@code ws://127.0.0.1:PORT/link/?ticket=N&app_id=A0000TEST}, each with a
   * ticket of its own, as {@code apps.connections.open} hands them out.
   */
  public String issueUrl() {
    return "ws://127.0.0.1:" + port() + "/link/?ticket=" + tickets.incrementAndGet()
        + "&app_id=" + APP_ID;
  }

  /** Waits until at least {@code count} clients connected (and got their hello) since start. */
  public void awaitConnections(int count, Duration bound) {
    records.until(
        count + " connections", bound, this::connectionCount, connected -> connected >= count);
  }

  /** How many clients connected since start, open or not. */
  public int connectionCount() {
    return records.read(connectedPaths::size);
  }

  /** The request paths (with query) the clients connected on, in order. */
  public List<String> connectedPaths() {
    return records.read(() -> List.copyOf(connectedPaths));
  }

  // ---- sending

  /**
   * Sends a {@code slash_commands} envelope whose payload is {@code commandFields} as a JSON object
   * of strings, the way Slack sends a slash command in Socket Mode (the same fields as the HTTP
   * form: {@code command}, {@code text}, {@code user_id}, {@code channel_id}, {@code response_url},
   * ...; see {@link SlackPayloads#slashCommandFields}).
   */
  public void sendSlashCommand(String envelopeId, Map<String, String> commandFields) {
    ObjectNode payload = JSON.createObjectNode();
    commandFields.forEach(payload::put);
    sendEnvelope("slash_commands", envelopeId, true, payload);
  }

  /** Sends an {@code interactive} envelope carrying a {@code block_actions} payload. */
  public void sendBlockAction(String envelopeId, String payloadJson) {
    sendEnvelope("interactive", envelopeId, false, SlackStandIn.readJson(payloadJson));
  }

  /** Sends any envelope type ({@code events_api}, {@code interactive}, ...) with this payload. */
  public void sendEnvelope(
      String type, String envelopeId, boolean acceptsResponsePayload, JsonNode payload) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId);
    envelope.put("type", type);
    envelope.put("accepts_response_payload", acceptsResponsePayload);
    envelope.set("payload", payload);
    sendRaw(envelope.toString());
  }

  /** Sends Slack's {@code disconnect} message; the SDK client answers by reconnecting. */
  public void sendDisconnect(String reason) {
    sendRaw("{\"type\":\"disconnect\",\"reason\":\"" + reason + "\",\"debug_info\":"
        + "{\"host\":\"applink-stand-in\"}}");
  }

  /**
   * Sends a text frame to the newest open connection, waiting up to {@link
   * SlackStandIn#DEFAULT_BOUND} for one.
   */
  public void sendRaw(String text) {
    WebSocket newest =
        records.until("an open Socket Mode connection", SlackStandIn.DEFAULT_BOUND,
            this::newestOpen, Optional::isPresent).get();
    newest.send(text);
  }

  private Optional<WebSocket> newestOpen() {
    return records.read(() -> {
      for (int i = open.size() - 1; i >= 0; i--) {
        if (open.get(i).isOpen()) {
          return Optional.of(open.get(i));
        }
      }
      return Optional.<WebSocket>empty();
    });
  }

  // ---- what came back

  /** All acks received so far, in order. */
  public List<Ack> acks() {
    return records.read(() -> List.copyOf(acks));
  }

  /** Text frames from clients that were not acks (no {@code envelope_id}). */
  public List<String> otherMessages() {
    return records.read(() -> List.copyOf(otherMessages));
  }

  /**
   * Waits for the ack of {@code envelopeId} and returns its {@code payload}: a JSON object, or a
   * {@link MissingNode} for a bare ack. Fails with an {@link AssertionError} after {@code bound}.
   */
  public JsonNode awaitAck(String envelopeId, Duration bound) {
    return awaitAckMessage(envelopeId, bound).payload();
  }

  /** As {@link #awaitAck}, returning the whole recorded ack. */
  public Ack awaitAckMessage(String envelopeId, Duration bound) {
    try {
      return records.until("the ack of envelope " + envelopeId, bound, () -> ackOf(envelopeId),
          Optional::isPresent).get();
    } catch (AssertionError notAcked) {
      throw new AssertionError(
          notAcked.getMessage() + "; acks: " + acks() + "; other messages: " + otherMessages());
    }
  }

  private Optional<Ack> ackOf(String envelopeId) {
    return records.read(
        () -> acks.stream().filter(ack -> ack.envelopeId().equals(envelopeId)).findFirst());
  }

  private static String helloMessage() {
    return "{\"type\":\"hello\",\"num_connections\":1,"
        + "\"debug_info\":{\"host\":\"applink-stand-in\","
        + "\"build_number\":1,\"approximate_connection_time\":18060},"
        + "\"connection_info\":{\"app_id\":\"" + APP_ID + "\"}}";
  }

  private void received(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (Exception notJson) {
      records.change(() -> otherMessages.add(text));
      return;
    }
    JsonNode envelopeId = message.path("envelope_id");
    if (envelopeId.isTextual()) {
      records.change(() -> acks.add(new Ack(envelopeId.asText(), message.path("payload"), text)));
    } else {
      records.change(() -> otherMessages.add(text));
    }
  }

  @Override
  public void close() {
    try {
      server.stop(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The Java-WebSocket server; its callbacks come on its own threads. */
  private final class Server extends WebSocketServer {
    Server(InetSocketAddress address) {
      super(address);
    }

    @Override
    public void onStart() {
      records.change(() -> started = true);
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
      connection.send(helloMessage());
      records.change(() -> {
        open.add(connection);
        connectedPaths.add(handshake.getResourceDescriptor());
      });
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
      received(message);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
      records.change(() -> open.remove(connection));
    }

    @Override
    public void onError(WebSocket connection, Exception failure) {
      if (connection == null && !started) {
        records.change(() -> startFailure = failure);
      }
    }
  }
}
