package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceFaultsHttpTest {
  private final SimFixture sim = new SimFixture();
  private final SimFaults faults = sim.market.faults();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void outbidStopsAllThreeStatesAndKeepsBillingStorage() {
    long id = running("RTX 3090");
    faults.outbid(id);
    JsonNode instance = sim.instance(id);
    for (String field :
        new String[] {"intended_status", "cur_state", "next_state", "actual_status"}) {
      assertEquals("stopped", instance.get(field).asText(), field);
    }
    double before = sim.market.balance();
    sim.clock.advance(Duration.ofHours(1));
    assertEquals(
        before - instance.get("storage_total_cost").asDouble(), sim.market.balance(), 1e-9);
  }

  @Test
  void hostOfflineShowsOfflineAndDropsSsh() {
    long id = running("RTX 4090");
    faults.hostOffline(id);
    JsonNode instance = sim.instance(id);
    assertEquals("offline", instance.get("actual_status").asText());
    assertTrue(instance.get("ports").isNull());
  }

  @Test
  void containerExitedCarriesTheMessage() {
    long id = running("A40");
    faults.containerExited(id, "onstart script failed with exit code 2");
    JsonNode instance = sim.instance(id);
    assertEquals("exited", instance.get("actual_status").asText());
    assertEquals("onstart script failed with exit code 2", instance.get("status_msg").asText());
  }

  @Test
  void ociFailureSticksInCreated() {
    long id = sim.rent("RTX 3080", "oci");
    faults.ociFailure(id);
    sim.clock.advance(Duration.ofHours(1));
    JsonNode instance = sim.instance(id);
    assertEquals("created", instance.get("actual_status").asText());
    assertTrue(instance.get("status_msg").asText().contains("OCI runtime create failed"));
  }

  @Test
  void loadingForeverUntilCleared() {
    long id = sim.rent("RTX 3060", "stuck");
    faults.loadingForever(id);
    sim.clock.advance(Duration.ofHours(2));
    assertEquals("loading", sim.status(id));
    faults.clear();
    sim.clock.advance(Duration.ofSeconds(3));
    assertEquals("running", sim.status(id));
  }

  @Test
  void loadingForeverForNextCreatesHoldsOnlyThatMany() {
    faults.loadingForeverForNextCreates(1);
    long stuck = sim.rent("RTX 3070", "first");
    long fine = sim.rent("RTX 3070", "second");
    sim.clock.advance(Duration.ofMinutes(30));
    assertEquals("loading", sim.status(stuck));
    assertEquals("running", sim.status(fine));
  }

  @Test
  void gpuTakenOnRestartAnswersSuccessButNeverRuns() {
    long id = running("RTX 4080S");
    sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"stopped\"}");
    faults.gpuTakenOnRestart(id);
    var start = sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"running\"}");
    assertEquals("{\"success\":true}", start.body());
    sim.clock.advance(Duration.ofHours(1));
    JsonNode instance = sim.instance(id);
    assertEquals("running", instance.get("intended_status").asText());
    assertEquals("stopped", instance.get("cur_state").asText());
    assertEquals("stopped", instance.get("actual_status").asText());
    assertTrue(instance.get("status_msg").asText().startsWith("Scheduling"));
  }

  @Test
  void instanceFaultsOnUnknownIdsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> faults.outbid(424242));
  }

  private long running(String gpuName) {
    long id = sim.rent(gpuName, "victim");
    sim.bootThrough();
    assertEquals("running", sim.status(id));
    return id;
  }
}
