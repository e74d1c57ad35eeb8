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
  void redact_coversTheKeyWithEveryBytePercentEncoded_inEitherCase_andMixed() {
    var upper = new StringBuilder();
    for (byte b : VALUE.getBytes(StandardCharsets.UTF_8)) {
      upper.append(String.format("%%%02X", b));
    }
    String everyByte = upper.toString();
    assertEquals("?k=<redacted>&x=1", key.redact("?k=" + everyByte + "&x=1"));
    assertEquals("?k=<redacted>&x=1", key.redact("?k=" + everyByte.toLowerCase() + "&x=1"));
    String mixed = "sk-Test+key%2Fwith%3dodd&%63%68ars-0123456789abcdef";
    assertEquals("k=<redacted>", key.redact("k=" + mixed));
  }

  @Test
  void redact_coversAnyRunOfSixteenOrMoreCharactersOfTheKey() {
    String prefix24 = VALUE.substring(0, 24);
    assertEquals("key <redacted>...", key.redact("key " + prefix24 + "..."));
    String middle = VALUE.substring(5, 21);
    assertEquals("[<redacted>]", key.redact("[" + middle + "]"));
    String suffix = VALUE.substring(VALUE.length() - 17);
    assertEquals("tail=<redacted>", key.redact("tail=" + suffix));
    String encodedPrefix = "sk-Test%2Bkey%2Fwith%3Dodd%26";
    assertEquals("p=<redacted>!", key.redact("p=" + encodedPrefix + "!"));
  }

  @Test
  void redact_leavesFifteenCharactersOfTheKeyAndOrdinaryText() {
    String fifteen = VALUE.substring(0, 15);
    assertEquals("x " + fifteen + " y", key.redact("x " + fifteen + " y"));
    assertEquals("HTTP 401: invalid user key", key.redact("HTTP 401: invalid user key"));
  }

  @Test
  void toString_neverShowsTheKey() {
    assertFalse(key.toString().contains(VALUE));
  }
}
