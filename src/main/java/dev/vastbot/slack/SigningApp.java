package dev.vastbot.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import java.util.List;

/**
 * Bolt's {@link App} with its built-in middleware as Bolt builds it, except that the
 * {@link RequestVerification} step (still Bolt's: same place in the chain, same five-minute window,
 * same 401 {@code {"error":"invalid request"}}) computes the expected signature with a
 * {@link SlackSignatures} generator instead of Bolt's own. Bolt's generator looks the HMAC provider
 * up and keys a new {@code Mac} for every request and writes the 32 digest bytes with 32 calls of
 * {@code String.format("%02x")}: a fifth of an HTTP thread's time in a burst of slash commands
 * ({@code bench/ack}'s profile), and much of its garbage.
 */
final class SigningApp extends App {
  SigningApp(AppConfig config) {
    super(config);
  }

  @Override
  protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
    List<Middleware> middleware = super.buildDefaultMiddlewareList(config);
    String secret = config.getSigningSecret();
    if (secret == null || secret.isBlank()) {
      return middleware; // Socket Mode: Bolt skips verification there; its step is left as Bolt made it
    }
    middleware.replaceAll(step -> step instanceof RequestVerification
        ? new RequestVerification(new SlackSignature.Verifier(new SlackSignatures(secret)))
        : step);
    return middleware;
  }
}
