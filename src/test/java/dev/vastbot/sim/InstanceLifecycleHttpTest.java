package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceLifecycleHttpTest {
  private final SimFixture sim = new SimFixture();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void newInstanceStepsThroughStatusesAsTheClockAdvances() {
    long id = sim.rent("RTX 4090", "worker-1");
    assertTrue(id >= 30_000_000L, "Vast-sized id: " + id);
    JsonNode fresh = sim.instance(id);
    assertTrue(fresh.get("actual_status").isNull());
    assertEquals("running", fresh.get("intended_status").asText());
    assertTrue(fresh.get("ssh_port").isNull());
    assertTrue(fresh.get("ports").isNull());
    sim.clock.advance(Duration.ofMillis(500));
    assertEquals("created", sim.status(id));
    sim.clock.advance(Duration.ofMillis(500));
    assertEquals("loading", sim.status(id));
    sim.clock.advance(Duration.ofMillis(2999));
    assertEquals("loading", sim.status(id));
    sim.clock.advance(Duration.ofMillis(1));
    JsonNode running = sim.instance(id);
    assertEquals("running", running.get("actual_status").asText());
    assertEquals("worker-1", running.get("label").asText());
    assertEquals("RTX 4090", running.get("gpu_name").asText());
    assertEquals("ssh_direc ssh_proxy", running.get("image_runtype").asText());
    assertEquals("pytorch/pytorch", running.get("image_uuid").asText());
  }

  @Test
  void runningInstanceReportsLoopbackSshFromTheAttachment() {
    var attachment = new RecordingAttachment();
    sim.market.setHostAttachment(attachment);
    long id = sim.rent("RTX 3090", "ssh");
    sim.bootThrough();
    JsonNode running = sim.instance(id);
    JsonNode direct = running.get("ports").get("22/tcp").get(0);
    assertEquals("0.0.0.0", direct.get("HostIp").asText());
    assertTrue(direct.get("HostPort").isTextual(), "HostPort is a string");
    assertEquals("2222", direct.get("HostPort").asText());
    assertEquals("127.0.0.1", running.get("public_ipaddr").asText());
    assertEquals("127.0.0.1", running.get("ssh_host").asText());
    assertEquals(2222, running.get("ssh_port").asInt());
    assertEquals(List.of("attach " + id + " RTX 3090"), attachment.calls);

    sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"stopped\"}");
    JsonNode stopped = sim.instance(id);
    assertTrue(stopped.get("ports").isNull());
    assertTrue(stopped.get("ssh_port").isNull());
    assertEquals(List.of("attach " + id + " RTX 3090", "detach " + id), attachment.calls);
  }

  @Test
  void defaultAttachmentGivesEachInstanceADeterministicLoopbackPort() {
    long id = sim.rent("RTX 3060", "fake-port");
    sim.bootThrough();
    InetSocketAddress endpoint = sim.market.instance(id).orElseThrow().sshEndpoint();
    assertEquals("127.0.0.1", endpoint.getHostString());
    assertEquals(
        String.valueOf(endpoint.getPort()),
        sim.instance(id).get("ports").get("22/tcp").get(0).get("HostPort").asText());
  }

  @Test
  void stopThenStartGoesBackThroughLoading() {
    long id = sim.rent("RTX 3080", "cycle");
    sim.bootThrough();
    assertEquals(200, sim.http.put("/api/v0/instances/" + id, "{\"state\":\"stopped\"}").status());
    JsonNode stopped = sim.instance(id);
    for (String field : List.of("actual_status", "intended_status", "cur_state", "next_state")) {
      assertEquals("stopped", stopped.get(field).asText(), field);
    }
    var started = sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"running\"}");
    assertEquals("{\"success\":true}", started.body());
    assertEquals("loading", sim.status(id));
    sim.clock.advance(Duration.ofSeconds(3));
    assertEquals("running", sim.status(id));
  }

  @Test
  void rebootPassesThroughRebooting() {
    long id = sim.rent("A40", "reboot");
    sim.bootThrough();
    assertEquals(200, sim.http.put("/api/v0/instances/reboot/" + id + "/", "{}").status());
    assertEquals("rebooting", sim.status(id));
    sim.clock.advance(Duration.ofSeconds(3));
    assertEquals("running", sim.status(id));
  }

  @Test
  void labelCanBeChanged() {
    long id = sim.rent("RTX 3070", "old");
    sim.http.put("/api/v0/instances/" + id + "/", "{\"label\":\"new\"}");
    assertEquals("new", sim.instance(id).get("label").asText());
  }

  @Test
  void destroyedInstanceReadsAsNullAndCannotBeDestroyedAgain() {
    long id = sim.rent("RTX 4080S", "doomed");
    var destroyed = sim.http.delete("/api/v0/instances/" + id + "/");
    assertEquals(200, destroyed.status());
    assertTrue(destroyed.json().get("success").asBoolean());
    assertTrue(sim.instance(id).isNull());
    assertTrue(sim.instance(12345L).isNull());
    var again = sim.http.delete("/api/v0/instances/" + id + "/");
    assertEquals(404, again.status());
    assertEquals("no_such_instance", again.json().get("error").asText());
    assertEquals("Instance with that ID does not exist.", again.json().get("msg").asText());
  }

  @Test
  void takenOrUnknownOfferIs404OrWithCancelUnavail410() {
    JsonNode offer = sim.offers("{\"gpu_name\":{\"eq\":\"RTX 5090\"},\"limit\":1}").get(0);
    long offerId = offer.get("id").asLong();
    sim.create(offerId, "first");
    var taken = sim.http.put("/api/v0/asks/" + offerId + "/", "{\"image\":\"x\"}");
    assertEquals(404, taken.status());
    assertEquals("invalid_args", taken.json().get("error").asText());
    assertEquals(
        "error 404/3603: no_such_ask Instance type by id " + offerId + " is not available.",
        taken.json().get("msg").asText());
    assertEquals(offerId, taken.json().get("ask_id").asLong());
    var cancel =
        sim.http.put("/api/v0/asks/" + offerId + "/", "{\"image\":\"x\",\"cancel_unavail\":true}");
    assertEquals(410, cancel.status());
    assertEquals("no_such_ask", cancel.json().get("error").asText());
    assertEquals(404, sim.http.put("/api/v0/asks/1/", "{\"image\":\"x\"}").status());
  }

  @Test
  void envAcceptsDictOrDockerFlagString() {
    long[] offers = cheapOffers(2);
    var dict =
        sim.http.put(
            "/api/v0/asks/" + offers[0] + "/",
            "{\"image\":\"img\",\"env\":{\"DOG\":\"CAT\",\"-p"
                + " 8081:8081/udp\":\"1\"},\"onstart\":\"echo hi\"}");
    var flags =
        sim.http.put(
            "/api/v0/asks/" + offers[1] + "/",
            "{\"image\":\"img\",\"env\":\"-e DOG=CAT -p 8081:8081/udp -h billybob\"}");
    JsonNode fromDict = sim.instance(dict.json().get("new_contract").asLong());
    JsonNode fromFlags = sim.instance(flags.json().get("new_contract").asLong());
    assertEquals(
        "[[\"DOG\",\"CAT\"],[\"-p 8081:8081/udp\",\"1\"]]", fromDict.get("extra_env").toString());
    assertEquals("echo hi", fromDict.get("onstart").asText());
    assertEquals(
        "[[\"DOG\",\"CAT\"],[\"-p 8081:8081/udp\",\"1\"],[\"-h\",\"billybob\"]]",
        fromFlags.get("extra_env").toString());
    assertFalse(dict.json().get("instance_api_key").asText().isEmpty());
  }

  @Test
  void bidBelowMinimumIsAnErrorThatStillCreatesAStoppedInstance() {
    JsonNode offer = sim.offers("{\"gpu_name\":{\"eq\":\"A100 SXM4\"},\"limit\":1}").get(0);
    double minBid = offer.get("min_bid").asDouble();
    var low =
        sim.http.put(
            "/api/v0/asks/" + offer.get("id").asLong() + "/",
            "{\"image\":\"img\",\"price\":" + minBid / 2 + "}");
    assertEquals(400, low.status());
    assertFalse(low.json().get("success").asBoolean());
    assertEquals("invalid_price", low.json().get("error").asText());
    long orphan = low.json().get("new_contract").asLong();
    JsonNode instance = sim.instance(orphan);
    assertEquals("stopped", instance.get("actual_status").asText());
    assertEquals("stopped", instance.get("intended_status").asText());
    assertTrue(instance.get("is_bid").asBoolean());
  }

  @Test
  void bidAtOrAboveMinimumRunsAsInterruptible() {
    JsonNode offer =
        sim.offers("{\"gpu_name\":{\"eq\":\"RTX 3090\"},\"type\":\"bid\",\"limit\":1}").get(0);
    double price = offer.get("min_bid").asDouble() + 0.01;
    var bid =
        sim.http.put(
            "/api/v0/asks/" + offer.get("id").asLong() + "/",
            "{\"image\":\"img\",\"price\":" + price + "}");
    assertEquals(200, bid.status(), bid.body());
    JsonNode instance = sim.instance(bid.json().get("new_contract").asLong());
    assertTrue(instance.get("is_bid").asBoolean());
    assertEquals(price, instance.get("dph_base").asDouble(), 1e-9);
  }

  @Test
  void jupyterRuntypeReportsProxyPortOneBelowSoClientsAddingOneLandRight() {
    long offer = cheapOffers(1)[0];
    var created =
        sim.http.put(
            "/api/v0/asks/" + offer + "/",
            "{\"image\":\"img\",\"runtype\":\"jupyter_proxy ssh_proxy\"}");
    long id = created.json().get("new_contract").asLong();
    sim.bootThrough();
    JsonNode instance = sim.instance(id);
    int direct = instance.get("ports").get("22/tcp").get(0).get("HostPort").asInt();
    assertEquals(direct, instance.get("ssh_port").asInt() + 1);
  }

  private long[] cheapOffers(int count) {
    JsonNode offers = sim.offers("{\"order\":[[\"dph_total\",\"asc\"]],\"limit\":" + count + "}");
    long[] ids = new long[count];
    for (int index = 0; index < count; index++) {
      ids[index] = offers.get(index).get("id").asLong();
    }
    return ids;
  }

  /** Records attach/detach calls and always reports 127.0.0.1:2222. */
  static final class RecordingAttachment implements HostAttachment {
    final List<String> calls = new ArrayList<>();

    @Override
    public InetSocketAddress attach(long instanceId, String gpuName, int numGpus) {
      calls.add("attach " + instanceId + " " + gpuName);
      return new InetSocketAddress("127.0.0.1", 2222);
    }

    @Override
    public void detach(long instanceId) {
      calls.add("detach " + instanceId);
    }
  }
}
