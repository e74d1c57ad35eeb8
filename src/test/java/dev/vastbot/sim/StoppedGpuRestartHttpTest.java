package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP: a restart of a stopped instance takes its own time, apart from a fresh boot's, and the
 * longer an instance stays stopped the likelier its GPU is taken by the time it is started again
 * (a taken start answers success and sits in scheduling); the draws follow the seed.
 */
class StoppedGpuRestartHttpTest {
  private static final Duration RESTART = Duration.ofSeconds(60);
  private static final Duration SCALE = Duration.ofHours(24);

  @Test
  void aRestartTakesTheRestartTime_notTheBootTime() {
    try (var sim = new SimFixture(SimSettings.defaults().withRestarts(RESTART, Duration.ZERO))) {
      long id = sim.rent("RTX 4090", "pool");
      sim.bootThrough();
      assertEquals("running", sim.status(id), "a fresh boot takes 1 s + 3 s");
      stop(sim, id);
      sim.clock.advance(Duration.ofHours(5));

      start(sim, id);
      sim.clock.advance(Duration.ofSeconds(59));
      assertEquals("loading", sim.status(id), "still restarting after 59 s");
      sim.clock.advance(Duration.ofSeconds(1));
      assertEquals("running", sim.status(id), "running at 60 s");
    }
  }

  @Test
  void theLongerStopped_theMoreStartsFindTheGpuTaken_asTheSeedDraws() {
    List<Integer> takenOutOf40 = new ArrayList<>();
    for (Duration stopped : List.of(Duration.ofMinutes(10), Duration.ofHours(12), Duration.ofHours(72))) {
      takenOutOf40.add(takenAfter(stopped, 7));
    }
    // expected 1 - exp(-h/24) of 40: 0.3, 15.7, 38.0
    assertTrue(takenOutOf40.get(0) <= 2, takenOutOf40.toString());
    assertTrue(takenOutOf40.get(1) >= 9 && takenOutOf40.get(1) <= 23, takenOutOf40.toString());
    assertTrue(takenOutOf40.get(2) >= 35, takenOutOf40.toString());
    assertEquals(takenOutOf40.get(1), takenAfter(Duration.ofHours(12), 7), "same seed, same draws");
  }

  /** How many of 40 instances stopped for {@code stopped} do not run again after a start. */
  private static int takenAfter(Duration stopped, long seed) {
    try (var sim = new SimFixture(SimSettings.defaults().withSeed(seed).withStartingBalance(1e6)
        .withRestarts(RESTART, SCALE))) {
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ids.add(sim.create(sim.offers("{\"order\":[[\"dph_total\",\"asc\"]],\"limit\":1}").get(0).get("id")
            .asLong(), "pool-" + i));
      }
      sim.bootThrough();
      ids.forEach(id -> stop(sim, id));
      sim.clock.advance(stopped);
      ids.forEach(id -> start(sim, id));
      sim.clock.advance(RESTART.plusSeconds(1));
      int taken = 0;
      for (long id : ids) {
        JsonNode instance = sim.instance(id);
        if (!"running".equals(instance.get("actual_status").asText())) {
          taken++;
          assertEquals("running", instance.get("intended_status").asText());
          assertTrue(instance.get("status_msg").asText().startsWith("Scheduling"), instance.toString());
        }
      }
      return taken;
    }
  }

  private static void stop(SimFixture sim, long id) {
    assertEquals(200, sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"stopped\"}").status());
  }

  private static void start(SimFixture sim, long id) {
    var answer = sim.http.put("/api/v0/instances/" + id + "/", "{\"state\":\"running\"}");
    assertEquals("{\"success\":true}", answer.body());
  }
}
