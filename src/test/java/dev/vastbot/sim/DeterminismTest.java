package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  @Test
  void sameSeedSameRequestsSameClockGiveTheSameAnswers() {
    try (var first = new SimFixture();
        var second = new SimFixture()) {
      assertEquals(script(first), script(second));
    }
  }

  @Test
  void anotherSeedGivesOtherIdsAndKeys() {
    try (var first = new SimFixture();
        var other = new SimFixture(SimSettings.defaults().withSeed(1234))) {
      assertNotEquals(script(first), script(other));
    }
  }

  private static List<String> script(SimFixture sim) {
    var answers = new ArrayList<String>();
    long offer =
        sim.offers("{\"order\":[[\"dph_total\",\"asc\"]],\"limit\":1}").get(0).get("id").asLong();
    answers.add(
        sim.http.put("/api/v0/asks/" + offer + "/", "{\"image\":\"img\",\"label\":\"a\"}").body());
    long id = sim.rent("RTX 4090", "b");
    sim.clock.advance(Duration.ofSeconds(2));
    answers.add(sim.instance(id).toString());
    sim.clock.advance(Duration.ofMinutes(10));
    answers.add(sim.http.get("/api/v1/instances/?limit=1").body());
    answers.add(sim.http.get("/api/v0/users/current").body());
    return answers;
  }
}
