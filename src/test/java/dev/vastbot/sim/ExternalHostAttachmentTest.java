package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sim --ssh-endpoint}: the simulated API reports one SSH server of the caller's own for every
 * running instance, on loopback only.
 */
class ExternalHostAttachmentTest {

  @Test
  void everyRunningInstance_reportsTheCallersEndpoint_overTheApi() {
    try (var sim = new SimFixture()) {
      sim.market.setHostAttachment(ExternalHostAttachment.parse("127.0.0.1:2222"));
      List<Long> ids = sim.market.seedInstances(20);
      long rented = sim.rent("RTX 4090", "rented");
      sim.clock.advance(Duration.ofMinutes(1));
      int running = 0;
      for (long id : concat(ids, rented)) {
        JsonNode instance = sim.instance(id);
        if (instance.get("actual_status").asText().equals("running")) {
          running++;
          assertEquals("127.0.0.1", instance.get("ssh_host").asText(), instance.toString());
          assertEquals(2222, instance.get("ssh_port").asInt(), instance.toString());
        }
      }
      assertTrue(running >= 10, running + " running of 21");
    }
  }

  @Test
  void everyInstance_getsTheSameEndpoint_andDetachingChangesNothing() {
    var attachment = ExternalHostAttachment.parse("127.0.0.2:2222");
    assertEquals(new InetSocketAddress("127.0.0.2", 2222), attachment.attach(1, "RTX 4090", 1));
    attachment.detach(1);
    assertEquals(attachment.attach(1, "RTX 4090", 1), attachment.attach(99, "A40", 2));
  }

  @Test
  void onlyALoopbackLiteralWithAPort_isAccepted_withAMessageSayingWhatIsWrong() {
    assertMessage("in 127.0.0.0/8, not '10.0.0.1'", "10.0.0.1:22");
    assertMessage("in 127.0.0.0/8, not 'localhost'", "localhost:22");
    assertMessage("in 127.0.0.0/8, not '127.0.0.1\\x1b[31m'", "127.0.0.1\u001b[31m:22");
    assertMessage("in 127.0.0.0/8, not '127.0.0.256'", "127.0.0.256:22");
    assertMessage("expected HOST:PORT", "127.0.0.1");
    assertMessage("expected HOST:PORT", "127.0.0.1:");
    assertMessage("port is not a number", "127.0.0.1:ssh");
    assertMessage("port must be 1..65535, not 70000", "127.0.0.1:70000");
  }

  private static void assertMessage(String expected, String endpoint) {
    var bad = assertThrows(IllegalArgumentException.class, () -> ExternalHostAttachment.parse(endpoint));
    assertTrue(bad.getMessage().contains(expected), bad.getMessage());
  }

  private static List<Long> concat(List<Long> ids, long more) {
    var all = new ArrayList<>(ids);
    all.add(more);
    return all;
  }
}
