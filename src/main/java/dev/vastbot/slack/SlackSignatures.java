package dev.vastbot.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 signature, {@code v0=} and the lowercase hex HMAC-SHA256 of {@code v0:ts:body} keyed
 * with the signing secret, as Bolt's generator computes it, but from a keyed {@link Mac} per
 * thread (cloned from one keyed once) and {@link HexFormat}. Bytes are UTF-8 (Slack signs the
 * raw body; Bolt's generator used the platform charset, the same on a UTF-8 system). What {@link
 * RequestSignatureCheck} verifies with, over the raw bytes ({@link #signatureOf}), and what the
 * bot's own callers ({@link AckWarmUp}, {@code bench-ack}) sign with. Thread-safe.
 */
public final class SlackSignatures extends SlackSignature.Generator {
  private static final HexFormat HEX = HexFormat.of();
  private final ThreadLocal<Mac> macs;

  public SlackSignatures(String signingSecret) {
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
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return new String(signatureOf(timestamp, bytes), StandardCharsets.US_ASCII);
  }

  /** The signature of {@code body} as it came off the wire: {@code v0=} and 64 hex digits, in ASCII. */
  byte[] signatureOf(String timestamp, byte[] body) {
    Mac mac = macs.get(); // doFinal leaves it reset for the next request
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    byte[] digest = mac.doFinal(body);
    return ("v0=" + HEX.formatHex(digest)).getBytes(StandardCharsets.US_ASCII);
  }
}
