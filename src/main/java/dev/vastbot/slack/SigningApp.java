package dev.vastbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.request.Request;
import java.util.List;

/**
 * Bolt's {@link App} with its built-in middleware as Bolt builds it, except for the {@link
 * RequestVerification} step. In HTTP mode a request's signature is checked once, by {@link
 * HttpFront} ({@link RequestSignatureCheck}: on the raw bytes, in constant time, five minutes
 * either way, before anything parses the body); in the step's place this app lets through only
 * what the front checked ({@link #markVerified}) and Socket Mode requests (which come over the
 * app token's socket, unsigned, as Bolt's own step also lets them), and answers anything else 401
 * {@code {"error":"invalid request"}} without a log line. Bolt's step, besides checking a second
 * time, logged every bad signature it saw, and only saw a request after it had been parsed.
 */
final class SigningApp extends App {
  private static final String VERIFIED = "vastbot.signature-verified";

  SigningApp(AppConfig config) {
    super(config);
  }

  /** Marks a request whose signature {@link HttpFront} checked. */
  static void markVerified(Request<?> request) {
    request.getContext().getAdditionalValues().put(VERIFIED, "true");
  }

  @Override
  protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
    List<Middleware> middleware = super.buildDefaultMiddlewareList(config);
    middleware.replaceAll(step -> step instanceof RequestVerification ? checkedByTheFront() : step);
    return middleware;
  }

  private static Middleware checkedByTheFront() {
    return (request, response, chain) -> request.isSocketMode()
        || "true".equals(request.getContext().getAdditionalValues().get(VERIFIED))
        ? chain.next(request) : SlackEvents.unauthorized();
  }
}
