package dev.vastbot.slack;

import static dev.vastbot.slack.HttpFront.JSON;
import static dev.vastbot.slack.HttpFront.MAX_BODY_BYTES;
import static dev.vastbot.slack.HttpFront.send;

import com.slack.api.bolt.request.RequestHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /slack/events} on Jetty: the body read as it arrives ({@link BodyReader}: 413 past
 * {@value HttpFront#MAX_BODY_BYTES} bytes, 408 when it is not all in within the body deadline),
 * its signature checked ({@link SlackEvents#verified}) on the thread that read it, and only a
 * verified request queued for the Slack workers, which parse and run it; 503 when their queue is
 * full. Jetty's threads never run the app, so they stay free for {@code /healthz} and {@code
 * /metrics}. Thread-safe.
 */
final class SlackRoute implements AutoCloseable {
  private final SlackEvents events;
  private final Duration bodyDeadline;
  private final ThreadPoolExecutor workers;

  SlackRoute(SlackEvents events, HttpLimits limits) {
    this.events = events;
    this.bodyDeadline = limits.bodyDeadline();
    var count = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(limits.slackWorkers(), limits.slackWorkers(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(limits.slackQueue()), task -> {
          Thread thread = new Thread(task, "vastbot-slack-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Answers the request, now or once its body is in; never blocks. */
  void handle(Request request, Response response, Callback callback) {
    if (request.getLength() > MAX_BODY_BYTES) {
      send(response, callback, 413, JSON, "{\"error\":\"request too large\"}");
      return;
    }
    BodyReader.read(request, MAX_BODY_BYTES, request.getLength())
        .orTimeout(bodyDeadline.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((body, failure) -> {
          if (failure != null) {
            refuseBody(response, callback, failure);
          } else {
            checkThenQueue(request, body, response, callback);
          }
        });
  }

  private void checkThenQueue(Request request, byte[] body, Response response, Callback callback) {
    String peer = Request.getRemoteAddr(request);
    RequestHeaders headers = headers(request);
    if (!events.verified(body, headers, peer)) {
      answer(response, callback, SlackEvents.unauthorized());
      return;
    }
    String path = Request.getPathInContext(request);
    try {
      workers.execute(() -> answer(response, callback, events.run(body, headers, path, peer)));
    } catch (RejectedExecutionException busy) {
      send(response, callback, 503, JSON, "{\"error\":\"busy, try again\"}");
    }
  }

  private static void refuseBody(Response response, Callback callback, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    if (cause instanceof TimeoutException) {
      send(response, callback, 408, JSON, "{\"error\":\"request body too slow\"}");
    } else if (cause instanceof BodyReader.TooLarge) {
      send(response, callback, 413, JSON, "{\"error\":\"request too large\"}");
    } else {
      callback.failed(cause); // the client went away mid-body
    }
  }

  private static RequestHeaders headers(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>(1)).add(field.getValue());
    }
    return new RequestHeaders(headers);
  }

  private static void answer(Response response, Callback callback, com.slack.api.bolt.response.Response answer) {
    if (answer.getHeaders() != null) {
      answer.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
    }
    send(response, callback, answer.getStatusCode() == null ? 200 : answer.getStatusCode(),
        answer.getContentType() == null ? "text/plain" : answer.getContentType(),
        answer.getBody() == null ? "" : answer.getBody());
  }

  /** Stops the workers; a request still queued is dropped (its connection closes with the server). */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
