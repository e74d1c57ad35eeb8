package dev.vastbot.vast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final String VALUE = "sk-Test+key/with=odd&chars-0123456789abcdef";
  private final ApiKey key = ApiKey.of(VALUE);

  @Test
  void redact_coversTheKeyAsSentAndUrlEncodedInEitherCase() {
    assertEquals("a <redacted> b", key.redact("a " + VALUE + " b"));
    assertEquals(
        "?k=<redacted>", key.redact("?k=sk-Test%2Bkey%2Fwith%3Dodd%26chars-0123456789abcdef"));
    assertEquals(
        "?k=<redacted>", key.redact("?k=sk-Test%2bkey%2fwith%3dodd%26chars-0123456789abcdef"));
  }

  @Test
  void redact_coversBase64OfTheKey_atEveryPlaceInALongerText() {
    for (String prefix : List.of("", "u:", "us:", "use:")) {
      byte[] bytes = (prefix + VALUE + "!").getBytes(StandardCharsets.UTF_8);
      for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        String encoded = encoder.encodeToString(bytes);
        String redacted = key.redact(encoded);
        assertTrue(redacted.contains("<redacted>"), prefix + ": " + redacted);
        // left are only the few characters that encode the neighbours, or share their bits
        assertTrue(redacted.replace("<redacted>", "").length() <= 10, prefix + ": " + redacted);
      }
    }
  }

  @Test
  void toString_neverShowsTheKey() {
    assertFalse(key.toString().contains(VALUE));
  }
}
