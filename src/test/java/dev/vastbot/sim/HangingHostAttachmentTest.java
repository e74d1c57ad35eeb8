package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Hung SSH endpoints: the connection is taken and nothing ever comes; the others refuse. */
class HangingHostAttachmentTest {

  @Test
  void aHungHost_takesTheConnection_andSaysNothing_untilDetached() throws IOException {
    try (var hosts = new HangingHostAttachment(100)) {
      InetSocketAddress address = hosts.attach(7, "RTX 4090", 1);
      assertEquals("127.0.0.1", address.getHostString());
      try (Socket client = new Socket()) {
        client.connect(address, 2_000);
        client.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(), "no SSH banner");
      }
      assertEquals(1, hosts.hangingNow());
      hosts.detach(7);
      assertEquals(0, hosts.hangingNow());
      try (Socket late = new Socket()) {
        assertThrows(ConnectException.class, () -> late.connect(address, 2_000), "nothing listens once detached");
      }
    }
  }

  @Test
  void theShareThatHangs_isChosenByIdTheSameEachTime_andTheOthersGetAPortWhereNothingListens() {
    try (var half = new HangingHostAttachment(50)) {
      long hanging = LongStream.range(1, 1_001).filter(half::hangs).count();
      assertTrue(hanging > 400 && hanging < 600, hanging + " of 1,000");
      long refused = LongStream.range(1, 1_001).filter(id -> !half.hangs(id)).findFirst().orElseThrow();
      assertEquals(HostAttachment.unreachable().attach(refused, "RTX 4090", 1), half.attach(refused, "RTX 4090", 1));
      assertEquals(0, half.hangingNow());
      assertEquals(half.hangs(refused), new HangingHostAttachment(50).hangs(refused));
    }
    assertThrows(IllegalArgumentException.class, () -> new HangingHostAttachment(101));
  }
}
