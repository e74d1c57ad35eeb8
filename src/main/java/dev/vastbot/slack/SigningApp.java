package dev.vastbot.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bolt's {@link App} with its built-in middleware as Bolt builds it, except that the
 * {@link RequestVerification} step (still Bolt's: same place in the chain, same five-minute window,
 * same 401 {@code {"error":"invalid request"}}) computes the expected signature with a
 * {@link Signatures} generator instead of Bolt's own. Bolt's generator looks the HMAC provider up
 * and keys a new {@link Mac} for every request and writes the 32 digest bytes with 32 calls of
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
        ? new RequestVerification(new SlackSignature.Verifier(new Signatures(secret)))
        : step);
    return middleware;
  }

  /**
   * Slack's v0 signature, {@code v0=} and the lowercase hex HMAC-SHA256 of {@code v0:ts:body} keyed
   * with the signing secret, as Bolt's generator computes it, but from a keyed {@link Mac} per
   * thread (cloned from one keyed once) and {@link HexFormat}. Bytes are UTF-8 (Slack signs the
   * raw body; Bolt's generator used the platform charset, the same on a UTF-8 system).
   */
  static final class Signatures extends SlackSignature.Generator {
    private static final HexFormat HEX = HexFormat.of();
    private final ThreadLocal<Mac> macs;

    Signatures(String signingSecret) {
      super(signingSecret); // refuses a blank secret as Bolt does
      Mac keyed;
      try {
        keyed = Mac.getInstance("HmacSHA256");
        keyed.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
      Mac prototype = keyed;
      this.macs = ThreadLocal.withInitial(() -> {
        try {
          return (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
          try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
          }
        }
      });
    }

    @Override
    public String generate(String timestamp, String body) {
      if (timestamp == null) {
        return null;
      }
      Mac mac = macs.get(); // doFinal leaves it reset for the next request
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      byte[] digest = mac.doFinal(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
      return "v0=" + HEX.formatHex(digest);
    }
  }
}
