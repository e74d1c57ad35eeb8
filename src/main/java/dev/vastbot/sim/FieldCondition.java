package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.StreamSupport;

/** One {@code "field": {"op": value}} term of a Vast query (ops as in VAST_API §2.2). */
record FieldCondition(String field, String op, JsonNode expected) {
  static final Set<String> OPERATORS = Set.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "notin");

  FieldCondition {
    if (!OPERATORS.contains(op)) {
      throw SimApiException.invalidArgs("Unknown operator '" + op + "' for field " + field);
    }
  }

  /** Whether the row's value of {@link #field()} satisfies this term. */
  boolean matches(JsonNode row) {
    JsonNode actual = row.get(field);
    return switch (op) {
      case "eq" -> JsonValueOrder.equal(actual, expected);
      case "neq" -> !JsonValueOrder.equal(actual, expected);
      case "gt" -> ordered(actual, order -> order > 0);
      case "gte" -> ordered(actual, order -> order >= 0);
      case "lt" -> ordered(actual, order -> order < 0);
      case "lte" -> ordered(actual, order -> order <= 0);
      case "in" -> inList(actual);
      case "notin" -> !inList(actual);
      default -> throw new AssertionError(op);
    };
  }

  private boolean ordered(JsonNode actual, IntPredicate accept) {
    var order = JsonValueOrder.compare(actual, expected);
    return order.isPresent() && accept.test(order.getAsInt());
  }

  private boolean inList(JsonNode actual) {
    if (!expected.isArray()) {
      return JsonValueOrder.equal(actual, expected);
    }
    return StreamSupport.stream(expected.spliterator(), false)
        .anyMatch(candidate -> JsonValueOrder.equal(actual, candidate));
  }
}
