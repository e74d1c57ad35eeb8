package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client uses OkHttp: its pooled keep-alive connections must work against the sim too. */
class OkHttpCompatibilityTest {
  private static final MediaType JSON = MediaType.get("application/json");

  private final SimFixture sim = new SimFixture();
  private final OkHttpClient client = new OkHttpClient();

  @AfterEach
  void stop() {
    sim.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void searchCreateReadAndDestroyOverOnePooledConnection() throws IOException {
    String api = sim.server.apiUrl();
    JsonNode offers =
        call(
            new Request.Builder()
                .url(api + "/bundles/")
                .post(
                    RequestBody.create("{\"gpu_name\":{\"eq\":\"RTX 4090\"},\"limit\":2}", JSON)));
    assertEquals(2, offers.get("offers").size());
    long offer = offers.get("offers").get(0).get("id").asLong();
    JsonNode created =
        call(
            new Request.Builder()
                .url(api + "/asks/" + offer + "/")
                .put(RequestBody.create("{\"image\":\"img\",\"label\":\"ok\"}", JSON)));
    long id = created.get("new_contract").asLong();
    JsonNode shown = call(new Request.Builder().url(api + "/instances/" + id + "/?owner=me").get());
    assertEquals("ok", shown.get("instances").get("label").asText());
    String origin = api.substring(0, api.length() - "/api/v0".length());
    JsonNode listed = call(new Request.Builder().url(origin + "/api/v1/instances/?limit=5").get());
    assertEquals(1, listed.get("instances").size());
    assertTrue(
        call(new Request.Builder().url(api + "/instances/" + id + "/").delete())
            .get("success")
            .asBoolean());
    assertTrue(
        call(new Request.Builder().url(api + "/instances/" + id + "/").get())
            .get("instances")
            .isNull());
  }

  private JsonNode call(Request.Builder request) throws IOException {
    try (Response response =
        client
            .newCall(request.header("Authorization", "Bearer " + sim.market.apiKey()).build())
            .execute()) {
      assertEquals(200, response.code());
      return SimHttp.JSON.readTree(response.body().string());
    }
  }
}
