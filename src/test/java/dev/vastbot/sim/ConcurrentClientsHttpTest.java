package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentClientsHttpTest {
  private final SimFixture sim = new SimFixture();
  private final ExecutorService pool = Executors.newFixedThreadPool(6);

  @AfterEach
  void stop() {
    pool.shutdownNow();
    sim.close();
  }

  @Test
  void parallelCreatesAndReadsStayConsistent() throws Exception {
    JsonNode offers = sim.offers("{\"order\":[[\"id\",\"asc\"]],\"limit\":12}");
    var tasks = new ArrayList<Callable<Long>>();
    for (JsonNode offer : offers) {
      tasks.add(
          () -> {
            var client = new SimHttp(sim.server, sim.market.apiKey());
            long id = sim.create(offer.get("id").asLong(), "parallel");
            assertEquals(200, client.get("/api/v0/instances/" + id + "/").status());
            assertEquals(200, client.get("/api/v1/instances/").status());
            return id;
          });
    }
    var ids = new HashSet<Long>();
    for (Future<Long> result : pool.invokeAll(tasks)) {
      ids.add(result.get());
    }
    assertEquals(12, ids.size());
    assertEquals(12, sim.market.instances().size());
  }
}
