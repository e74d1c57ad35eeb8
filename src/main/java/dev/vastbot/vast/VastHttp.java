package dev.vastbot.vast;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Vast requests with pacing and bounded retries: 429, 502, 503, 504 and connection failures
 * are retried with backoff until the attempts or the time budget run out. A connection the server
 * had closed while it sat in the pool is no failed attempt ({@link VastTransport}). Every attempt
 * is reported to the settings' {@link VastCallObserver}. Thread-safe.
 */
final class VastHttp {
  private static final Logger log = LoggerFactory.getLogger(VastHttp.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MIB = 1024 * 1024;
  private static final int MAX_NESTING = 64;
  private static final int MAX_STRING = MIB;

  private final VastTransport transport;
  private final ObjectMapper json;
  private final VastClientSettings settings;
  private final RequestPacer pacer;
  private final BackoffSchedule backoff;

  /** Puts one request on a connection: pooled, or one of its own. */
  @FunctionalInterface
  private interface Delivery {
    Response execute(Request request) throws IOException;
  }

  VastHttp(VastTransport transport, ObjectMapper json, VastClientSettings settings) {
    this.transport = transport;
    this.json = withReadLimits(json, settings.maxResponseBytes());
    this.settings = settings;
    this.pacer = new RequestPacer(settings.minIntervals(), settings.clock(), settings.pause());
    this.backoff =
        new BackoffSchedule(settings.firstBackoff(), settings.maxBackoff(), settings.jitter());
  }

  /**
   * Sends a request that is safe to repeat, on a pooled connection, and returns the JSON body of a
   * success.
   */
  JsonNode send(VastRequest request) {
    return send(request, Optional::empty, transport::sendRepeatable);
  }

  /**
   * Sends a request that must not be repeated blindly (a create), each attempt on a new
   * connection; after an attempt whose outcome is unknown (timeout, gateway error, broken
   * connection) and before sending it again, asks {@code recovery} whether the effect already
   * happened. A non-empty answer ends the call with that body.
   */
  JsonNode send(VastRequest request, Supplier<Optional<JsonNode>> recovery) {
    return send(request, recovery, transport::sendOnNewConnection);
  }

  private JsonNode send(
      VastRequest request, Supplier<Optional<JsonNode>> recovery, Delivery delivery) {
    Instant deadline = settings.clock().instant().plus(settings.retryBudget());
    ProviderException last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Duration delay = backoff.delayBefore(attempt - 1);
        if (settings.clock().instant().plus(delay).isAfter(deadline)) {
          break;
        }
        log.info("{} attempt {} failed ({}); retrying in {} ms",
            request.endpoint(), attempt - 1, last.reason(), delay.toMillis());
        pauseFor(delay, request);
        if (last.reason() != Reason.RATE_LIMITED) {
          Optional<JsonNode> recovered = recovery.get();
          if (recovered.isPresent()) {
            return recovered.get();
          }
        }
      }
      try {
        return attempt(request, delivery);
      } catch (ProviderException failure) {
        if (!failure.transientFailure()) {
          throw failure;
        }
        last = failure;
      }
    }
    throw new ProviderException(
        last.reason(),
        last.httpStatus(),
        last.getMessage() + "; gave up after the retry bound ("
            + settings.maxAttempts() + " attempts, " + settings.retryBudget().toSeconds() + " s)");
  }

  /** One attempt, once its turn has come; the observer is told its outcome and how long it took. */
  private JsonNode attempt(VastRequest request, Delivery delivery) {
    pauseForTurn(request);
    Instant started = settings.clock().instant();
    String outcome = VastCallObserver.ERROR;
    try {
      JsonNode body = exchange(request, delivery);
      outcome = VastCallObserver.OK;
      return body;
    } catch (ProviderException failure) {
      outcome = failure.reason().name().toLowerCase(Locale.ROOT);
      throw failure;
    } finally {
      observe(request, outcome, Duration.between(started, settings.clock().instant()));
    }
  }

  private void observe(VastRequest request, String outcome, Duration took) {
    try {
      settings.observer().called(request.endpoint(), outcome, took);
    } catch (RuntimeException observerFailure) {
      log.debug("{}: the call observer failed ({})", request.endpoint(),
          observerFailure.getClass().getSimpleName());
    }
  }

  private JsonNode exchange(VastRequest request, Delivery delivery) {
    Request httpRequest = toHttpRequest(request);
    try (Response response = delivery.execute(httpRequest)) {
      int status = response.code();
      if (status == 429) {
        pacer.recordRateLimited(request.endpoint());
      } else {
        pacer.recordSuccess(request.endpoint());
      }
      String raw = settings.apiKey().redact(readCapped(request, status, response.body()));
      JsonNode body = parse(request, status, raw);
      if (isSuccess(status)) {
        return successBody(request, status, body, raw);
      }
      throw VastErrors.classify(request, status, body, raw, settings.apiKey());
    } catch (InterruptedIOException timeout) {
      throw new ProviderException(
          Reason.TIMEOUT, 0,
          "Vast API " + request.endpoint() + ": no answer within "
              + settings.requestTimeout().toMillis() + " ms");
    } catch (IOException io) {
      throw new ProviderException(
          Reason.UNAVAILABLE, 0,
          "Vast API " + request.endpoint() + ": connection failed ("
              + settings.apiKey().redact(io.getClass().getSimpleName() + ": " + io.getMessage()) + ")");
    }
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  /**
   * The body text, read as a stream and never more than {@code maxResponseBytes}: a declared
   * Content-Length over the cap fails before anything is read, and an undeclared (chunked) body
   * fails as soon as one byte more than the cap has arrived.
   */
  private String readCapped(VastRequest request, int status, ResponseBody body) throws IOException {
    int cap = settings.maxResponseBytes();
    long declared = body.contentLength();
    if (declared > cap) {
      throw tooLarge(request, status, "Content-Length " + declared + " bytes; not read");
    }
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      bytes = in.readNBytes(cap + 1);
    }
    if (bytes.length > cap) {
      throw tooLarge(request, status, "stopped reading at the cap");
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new String(bytes, charset);
  }

  private ProviderException tooLarge(VastRequest request, int status, String how) {
    return new ProviderException(
        Reason.RESPONSE_TOO_LARGE, status,
        "Vast API " + request.endpoint() + ": the answer is larger than the "
            + sizeOf(settings.maxResponseBytes()) + " cap (vast.max_response_mib; " + how + ")");
  }

  private static String sizeOf(int bytes) {
    return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
  }

  private JsonNode successBody(VastRequest request, int status, JsonNode body, String raw) {
    if (body == null || !(body.isObject() || body.isArray())) {
      throw new ProviderException(
          Reason.MALFORMED_RESPONSE, status,
          "Vast API " + request.endpoint() + ": the answer is not JSON ("
              + VastErrors.truncate(raw.isEmpty() ? "empty body" : raw) + ")");
    }
    JsonNode success = body.get("success");
    if (success != null && success.isBoolean() && !success.asBoolean()) {
      throw VastErrors.classify(request, status, body, raw, settings.apiKey());
    }
    return body;
  }

  private Request toHttpRequest(VastRequest request) {
    RequestBody requestBody = null;
    if (request.body() != null) {
      try {
        requestBody = RequestBody.create(json.writeValueAsBytes(request.body()), JSON);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode request body", e);
      }
    } else if (!request.method().equals("GET")) {
      requestBody = RequestBody.create(new byte[0], JSON);
    }
    return new Request.Builder()
        .url(request.url())
        .header("Authorization", settings.apiKey().bearerHeader())
        .header("Accept", "application/json")
        .header("User-Agent", "vastbot")
        .method(request.method(), requestBody)
        .build();
  }

  /**
   * The parsed body, or null when it is not JSON. A body that breaks the read limits (nesting,
   * string or document length) is a malformed answer on a success; on an error status it is
   * treated as text, so the status still decides what failed.
   */
  private JsonNode parse(VastRequest request, int status, String raw) {
    if (raw.isBlank()) {
      return null;
    }
    try {
      return json.readTree(raw);
    } catch (StreamConstraintsException limit) {
      if (!isSuccess(status)) {
        return null;
      }
      throw new ProviderException(
          Reason.MALFORMED_RESPONSE, status,
          "Vast API " + request.endpoint() + ": the answer breaks the client's JSON limits ("
              + limit.getOriginalMessage() + ")");
    } catch (IOException notJson) {
      return null;
    }
  }

  /**
   * A copy of {@code json} (the caller's mapper is left as it was) whose parser refuses what no
   * Vast answer needs: nesting deeper than {@value #MAX_NESTING}, strings over 1 MiB, documents
   * over the response cap. The parser checks them as it reads, so a hostile body fails cleanly
   * instead of exhausting the stack or the heap.
   */
  private static ObjectMapper withReadLimits(ObjectMapper json, int maxResponseBytes) {
    ObjectMapper limited = json.copy();
    limited.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxStringLength(Math.min(MAX_STRING, maxResponseBytes))
            .maxDocumentLength(maxResponseBytes)
            .build());
    return limited;
  }

  private void pauseForTurn(VastRequest request) {
    try {
      pacer.awaitTurn(request.endpoint());
    } catch (InterruptedException e) {
      throw interrupted(request, e);
    }
  }

  private void pauseFor(Duration delay, VastRequest request) {
    try {
      settings.pause().pause(delay);
    } catch (InterruptedException e) {
      throw interrupted(request, e);
    }
  }

  private static ProviderException interrupted(VastRequest request, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new ProviderException(
        Reason.TIMEOUT, 0, "Vast API " + request.endpoint() + ": interrupted while waiting", e);
  }
}
