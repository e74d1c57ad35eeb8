package dev.vastbot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryEvaluationTest {
  private static final JsonNode ROW =
      json(
          "{\"id\":7,\"num_gpus\":2,\"gpu_name\":\"RTX 4090\","
              + "\"verified\":true,\"driver_version\":\"570.124.04\",\"label\":null,\"dph_total\":0.42}");

  @Test
  void numericStringsCompareAsNumbers() {
    assertTrue(matches("{\"num_gpus\":{\"eq\":\"2\"}}"));
    assertTrue(matches("{\"num_gpus\":{\"gt\":\"1\",\"lte\":2}}"));
    assertFalse(matches("{\"dph_total\":{\"lt\":\"0.4\"}}"));
  }

  @Test
  void booleansNullsAndListsMatchLikeVast() {
    assertTrue(matches("{\"verified\":{\"eq\":\"true\"}}"));
    assertFalse(matches("{\"verified\":{\"eq\":false}}"));
    assertTrue(matches("{\"label\":{\"in\":[null]}}"));
    assertTrue(matches("{\"gpu_name\":{\"notin\":[\"RTX 3090\",\"A40\"]}}"));
    assertFalse(matches("{\"gpu_name\":{\"in\":[\"RTX 3090\"]}}"));
    assertTrue(matches("{\"gpu_name\":{\"neq\":\"RTX 3090\"}}"));
  }

  @Test
  void driverVersionComparesAsTheCliIntegerForm() {
    assertTrue(matches("{\"driver_version\":{\"gte\":535086005}}"));
    assertFalse(matches("{\"driver_version\":{\"gte\":575000000}}"));
  }

  @Test
  void fieldsTheRowLacksAreIgnoredAndUnknownOperatorsRejected() {
    assertTrue(matches("{\"no_such\":{\"eq\":1}}"));
    assertThrows(SimApiException.class, () -> matches("{\"num_gpus\":{\"near\":2}}"));
  }

  @Test
  void envStringParsesLikeTheCli() {
    assertEquals(
        List.of(
            new EnvEntry("A", "b c"),
            new EnvEntry("-p 8000:8000", "1"),
            new EnvEntry("-h", "host"),
            new EnvEntry("-v /data:/data", "1")),
        EnvEntry.fromDockerFlags("-e A='b c' -p 8000:8000 -h host -v /data:/data"));
  }

  private static boolean matches(String filter) {
    return RowFilter.parse(json(filter), Set.of()).matches(ROW);
  }

  private static JsonNode json(String text) {
    try {
      return SimHttp.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
