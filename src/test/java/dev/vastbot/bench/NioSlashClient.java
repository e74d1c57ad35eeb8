package dev.vastbot.bench;

import dev.vastbot.bench.AckBenchCommand.Ack;
import dev.vastbot.bench.AckBenchCommand.Round;
import dev.vastbot.slack.SlackSignatures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed slash commands from one thread: each request of a round on a connection of its own
 * (opened before the round and kept, as a proxy keeps them), non-blocking sockets on one
 * selector. The round's requests are signed and encoded first; then they are written one after
 * the other in a loop, a few microseconds apart, each timed from just before its write to the
 * moment its last byte is read. Unlike the OkHttp client ({@code --client okhttp}), nothing waits
 * for 200 threads to wake (on two cores they go out over tens of milliseconds) and the client does
 * not take the bot's cores from it with 200 threads; answers that arrive while later requests are
 * still being written wait unread until the writing is done, which counts against the bot. Each
 * answer is judged by a {@link Verdict}. Not thread-safe: one caller.
 */
final class NioSlashClient implements AckBenchCommand.Sender {
  private final InetSocketAddress address;
  private final SlackSignatures signatures;
  private final Selector selector;
  private final List<SocketChannel> idle = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16);
  private final AtomicLong triggers = new AtomicLong();
  private final Verdict verdict;
  private final String responseUrl;

  /** Whether an answer counts: null when it does, else the reason (named for the error count). */
  @FunctionalInterface
  interface Verdict {
    String error(String text, int status, String answer);
  }

  /** @param responseUrl where the commands' answers sent later go */
  NioSlashClient(InetSocketAddress address, String secret, Verdict verdict, String responseUrl) throws IOException {
    this.address = address;
    this.signatures = new SlackSignatures(secret);
    this.selector = Selector.open();
    this.verdict = verdict;
    this.responseUrl = responseUrl;
  }

  /** One request in flight: its bytes, the answer so far, when it was sent and how it ended. */
  private static final class Exchange {
    final String text;
    final SocketChannel channel;
    final ByteBuffer request;
    byte[] answer = new byte[4096];
    int length;
    int headerEnd = -1;
    int contentLength = -1;
    boolean closeAfter;
    long started;
    Ack ack;

    Exchange(String text, SocketChannel channel, byte[] request) {
      this.text = text;
      this.channel = channel;
      this.request = ByteBuffer.wrap(request);
    }
  }

  @Override
  public Round round(int count) throws IOException {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(AckBenchCommand.TEXTS.get(i % AckBenchCommand.TEXTS.size()));
    }
    return round(texts);
  }

  /** One request per text, all in flight at once. */
  Round round(List<String> texts) throws IOException {
    List<Exchange> exchanges = new ArrayList<>();
    for (String text : texts) {
      exchanges.add(new Exchange(text, connection(), request(body(text))));
    }
    return run(exchanges);
  }

  @Override
  public Round oneAtATime(String text, int count) throws IOException {
    long started = System.nanoTime();
    List<Ack> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      done.addAll(run(List.of(new Exchange(text, connection(), request(body(text))))).acks());
    }
    return new Round(done, System.nanoTime() - started);
  }

  /** Writes every request, then reads until each is answered, failed or out of time. */
  private Round run(List<Exchange> exchanges) throws IOException {
    selector.selectNow(); // lets the keys of closed connections go
    selector.selectedKeys().clear();
    for (Exchange exchange : exchanges) {
      exchange.channel.register(selector, SelectionKey.OP_READ, exchange);
    }
    long started = System.nanoTime();
    for (Exchange exchange : exchanges) {
      exchange.started = System.nanoTime();
      try {
        while (exchange.request.hasRemaining()) {
          if (exchange.channel.write(exchange.request) == 0) {
            Thread.onSpinWait(); // a full send buffer: cannot happen with a request this small
          }
        }
      } catch (IOException failed) {
        finish(exchange, failed.getClass().getSimpleName(), true);
      }
    }
    long deadline = started + AckBenchCommand.CALL_TIMEOUT.toNanos();
    int open = (int) exchanges.stream().filter(e -> e.ack == null).count();
    while (open > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
        SelectionKey key = keys.next();
        keys.remove();
        Exchange exchange = (Exchange) key.attachment();
        if (exchange.ack == null && readSome(exchange)) {
          open--;
        }
      }
    }
    for (Exchange exchange : exchanges) {
      if (exchange.ack == null) {
        finish(exchange, "timeout", true);
      }
    }
    return new Round(exchanges.stream().map(e -> e.ack).toList(), System.nanoTime() - started);
  }

  /** Reads what is there; true when the exchange ended (answered whole, or failed). */
  private boolean readSome(Exchange exchange) {
    try {
      while (true) {
        readBuffer.clear();
        int read = exchange.channel.read(readBuffer);
        if (read < 0) {
          finish(exchange, "closed_before_answer", true);
          return true;
        }
        if (read == 0) {
          return false;
        }
        readBuffer.flip();
        if (exchange.length + read > exchange.answer.length) {
          exchange.answer = Arrays.copyOf(exchange.answer, Math.max(exchange.answer.length * 2,
              exchange.length + read));
        }
        readBuffer.get(exchange.answer, exchange.length, read);
        exchange.length += read;
        if (complete(exchange)) {
          long nanos = System.nanoTime() - exchange.started;
          exchange.ack = check(exchange, nanos);
          exchange.channel.keyFor(selector).interestOps(0); // kept registered for the next round
          if (exchange.closeAfter) {
            closeQuietly(exchange.channel);
          } else {
            idle.add(exchange.channel);
          }
          return true;
        }
      }
    } catch (IOException | RuntimeException failed) {
      finish(exchange, failed.getClass().getSimpleName(), true);
      return true;
    }
  }

  /** Whether the status line, the headers and Content-Length bytes of body are in. */
  private static boolean complete(Exchange exchange) {
    if (exchange.headerEnd < 0) {
      String sofar = new String(exchange.answer, 0, exchange.length, StandardCharsets.ISO_8859_1);
      int end = sofar.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      exchange.headerEnd = end + 4;
      for (String line : sofar.substring(0, end).split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          exchange.contentLength = Integer.parseInt(lower.substring(15).trim());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          exchange.closeAfter = true;
        } else if (lower.startsWith("transfer-encoding:")) {
          throw new IllegalStateException("a body without Content-Length");
        }
      }
      if (exchange.contentLength < 0) {
        exchange.contentLength = 0;
      }
    }
    return exchange.length >= exchange.headerEnd + exchange.contentLength;
  }

  private Ack check(Exchange exchange, long nanos) {
    String head = new String(exchange.answer, 0, exchange.headerEnd, StandardCharsets.ISO_8859_1);
    String statusLine = head.substring(0, head.indexOf("\r\n"));
    String[] parts = statusLine.split(" ", 3);
    int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    String answer = new String(exchange.answer, exchange.headerEnd, exchange.contentLength, StandardCharsets.UTF_8);
    return new Ack(exchange.text, nanos, verdict.error(exchange.text, status, answer), exchange.started);
  }

  private void finish(Exchange exchange, String error, boolean dropConnection) {
    exchange.ack = new Ack(exchange.text, System.nanoTime() - exchange.started, error, exchange.started);
    SelectionKey key = exchange.channel.keyFor(selector);
    if (key != null) {
      key.cancel();
    }
    if (dropConnection) {
      closeQuietly(exchange.channel);
    }
  }

  /**
   * A kept connection, or a new one (opened before the round's clock starts). A kept connection the
   * server has closed since its last answer (the JDK server keeps at most 200 idle ones: with the
   * start-up warm-up's connections beside these, it closes some) is dropped here, before the round,
   * as an HTTP client drops a stale pooled connection, instead of counting as the bot's error.
   */
  private SocketChannel connection() throws IOException {
    while (!idle.isEmpty()) {
      SocketChannel kept = idle.remove(idle.size() - 1);
      readBuffer.clear();
      try {
        if (kept.read(readBuffer) == 0) {
          return kept;
        }
      } catch (IOException reset) {
        // closed by the server: drop it
      }
      closeQuietly(kept);
    }
    SocketChannel channel = SocketChannel.open(address);
    channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    channel.configureBlocking(false);
    return channel;
  }

  /** The bytes of a signed POST of {@code body}, as an HTTP/1.1 client sends it. */
  private byte[] request(String body) {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST /slack/events HTTP/1.1\r\n"
        + "Host: " + address.getAddress().getHostAddress() + ":" + address.getPort() + "\r\n"
        + "User-Agent: vastbot-bench-ack\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + content.length + "\r\n"
        + "X-Slack-Request-Timestamp: " + timestamp + "\r\n"
        + "X-Slack-Signature: " + signatures.generate(timestamp, body) + "\r\n"
        + "\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + content.length);
    System.arraycopy(content, 0, bytes, headBytes.length, content.length);
    return bytes;
  }

  private String body(String text) {
    return AckBenchCommand.commandBody(text, triggers, responseUrl);
  }

  @Override
  public void close() {
    idle.forEach(NioSlashClient::closeQuietly);
    idle.clear();
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
