package dev.vastbot.vast;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one Vast request on a connection, so that a connection the server closed costs nothing.
 *
 * <p>Servers close idle keep-alive connections without saying so: an HTTP/1.0-style proxy after
 * every answer, others once idle for longer than their keep-alive timeout, which may be shorter
 * than our pace. The next request on such a pooled connection fails at once, before any answer
 * ("unexpected end of stream", connection reset, broken pipe). Two rules follow.
 *
 * <ul>
 *   <li>A request that is safe to repeat goes out on a pooled connection. When a connection that
 *       already carried an exchange fails before any answer, the server had closed it: the idle
 *       pool is evicted (its other connections are as old) and the request is sent again at once
 *       on a new connection. Both sends are one attempt of {@link VastHttp}'s retry bound; the
 *       second is not paced again, since no answer came and Vast most likely never saw the first
 *       (if it did and answers 429, that is an ordinary failed attempt). A failure on the new
 *       connection is a real one.
 *   <li>A request that must not be repeated blindly (a create) always goes out on a connection
 *       opened for it and closed after it, never on a pooled one. It cannot land on a stale
 *       connection, so it is never sent again here: any failure is an attempt of the retry bound,
 *       and {@link VastHttp} asks its recovery (the label lookup) before the next one.
 * </ul>
 *
 * <p>Why not the alternatives. OkHttp's own recovery ({@code retryOnConnectionFailure(true)},
 * RetryAndFollowUpInterceptor) resends any request whose body can be replayed, PUT and POST
 * included, after an I/O failure that may have come after the server read the request, and it
 * repeats requests answered 408: a create could be sent twice. A keep-alive shorter than the
 * server's only narrows the window, and the server's timeout is not known. Evicting the pool after
 * a failure does not make the next create safe either: the label lookup between two create
 * attempts puts back a connection that such a server closes right after answering. A new
 * connection per create costs one handshake per create, which is paced at seconds anyway.
 *
 * <p>Thread-safe.
 */
final class VastTransport {
  private static final Logger log = LoggerFactory.getLogger(VastTransport.class);

  private final OkHttpClient pooled;
  private final OkHttpClient unpooled;

  /**
   * @param base timeouts and the rest of the OkHttp configuration; its connection pool is not
   *     used, so that evicting touches only Vast's connections
   */
  VastTransport(OkHttpClient base) {
    OkHttpClient noOkHttpRecovery = base.newBuilder().retryOnConnectionFailure(false).build();
    this.pooled =
        noOkHttpRecovery.newBuilder()
            .connectionPool(new ConnectionPool())
            .addNetworkInterceptor(new StaleConnectionDetector())
            .build();
    this.unpooled =
        noOkHttpRecovery.newBuilder()
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
            .build();
  }

  /** Sends a request that is safe to repeat; a pooled connection the server closed is replaced. */
  Response sendRepeatable(Request request) throws IOException {
    try {
      return pooled.newCall(request).execute();
    } catch (StaleConnectionException stale) {
      pooled.connectionPool().evictAll();
      log.debug("{} {}: the server had closed the pooled connection ({}); sending on a new one",
          request.method(), request.url().encodedPath(), stale.getCause().toString());
      return unpooled.newCall(request).execute();
    }
  }

  /** Sends a request that must not be repeated blindly, on a connection of its own. */
  Response sendOnNewConnection(Request request) throws IOException {
    return unpooled.newCall(request).execute();
  }

  /** A reused connection failed before any answer: the server had closed it while idle. */
  static final class StaleConnectionException extends IOException {
    StaleConnectionException(IOException cause) {
      super("the server had closed the pooled connection", cause);
    }
  }

  /**
   * Marks an I/O failure before the answer's headers on a connection that already carried an
   * exchange. Timeouts and cancellations are not marked: they are no sign of a closed connection.
   * A network interceptor sees each exchange with its connection, and it is added to the client
   * rather than replacing the caller's event listener.
   */
  private static final class StaleConnectionDetector implements Interceptor {
    private final Set<Connection> used =
        Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public Response intercept(Chain chain) throws IOException {
      boolean reused = !used.add(chain.connection());
      try {
        return chain.proceed(chain.request());
      } catch (InterruptedIOException timeout) {
        throw timeout;
      } catch (IOException failure) {
        if (reused && !chain.call().isCanceled()) {
          throw new StaleConnectionException(failure);
        }
        throw failure;
      }
    }
  }
}
