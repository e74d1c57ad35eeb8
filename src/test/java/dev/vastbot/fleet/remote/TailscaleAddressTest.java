package dev.vastbot.fleet.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TailscaleAddressTest {

  @Test
  void acceptsOnlyTailscalesRange_100_64_0_0_slash_10() {
    assertEquals(Optional.of("100.64.0.1"), TailscaleAddress.parse(" 100.64.0.1\n"));
    assertEquals(Optional.of("100.127.255.255"), TailscaleAddress.parse("100.127.255.255"));
    for (String outside : new String[] {"100.63.255.255", "100.128.0.1", "100.1.2.3", "8.8.8.8",
        "127.0.0.1", "100.64.0.256", "100.064.0.1", "100.64.0.1.5", "100.64.0.1; id",
        "100.70.1.2'; id > ~/owned; echo '", "", "100.64.0.1\n100.64.0.2"}) {
      assertTrue(TailscaleAddress.parse(outside).isEmpty(), outside);
    }
  }
}
