package dev.vastbot.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code PUT /asks/{id}/} (VAST_API §3.2), validated. Unused CLI keys ({@code
 * client_id}, {@code image_login}, {@code python_utf8}, ...) are accepted and ignored.
 *
 * @param price the bid in $/h for the whole machine, or null for on-demand
 * @param startStopped {@code target_state == "stopped"}
 */
record CreateOrder(
    String image,
    double diskGb,
    String label,
    List<EnvEntry> env,
    String onstart,
    String runtype,
    List<String> args,
    Double price,
    boolean cancelUnavailable,
    boolean startStopped) {
  static final double DEFAULT_DISK_GB = 10.0;

  CreateOrder {
    env = List.copyOf(env);
    args = List.copyOf(args);
  }

  /** The same order with another bid (a change of bid). */
  CreateOrder withPrice(double newPrice) {
    return new CreateOrder(image, diskGb, label, env, onstart, runtype, args, newPrice, cancelUnavailable,
        startStopped);
  }

  static CreateOrder fromJson(JsonNode body) {
    String image = text(body, "image");
    if (image == null) {
      image = text(body, "template_hash_id");
    }
    if (image == null || image.isBlank()) {
      throw SimApiException.invalidArgs("error 400/3467: Invalid args: 'image' is required");
    }
    double disk = number(body, "disk", DEFAULT_DISK_GB);
    if (disk <= 0) {
      throw SimApiException.invalidArgs("error 400/3467: Invalid args: 'disk' must be positive");
    }
    Double price = body.hasNonNull("price") ? number(body, "price", 0) : null;
    if (price != null && (price < 0.001 || price > 128)) {
      throw SimApiException.invalidArgs(
          "error 400/3467: Invalid args: 'price' must be in 0.001-128");
    }
    String runtype = text(body, "runtype");
    return new CreateOrder(
        image,
        disk,
        text(body, "label"),
        EnvEntry.fromJson(body.get("env")),
        text(body, "onstart"),
        runtype == null ? "ssh" : runtype,
        args(body.get("args")),
        price,
        body.path("cancel_unavail").asBoolean(false),
        "stopped".equals(text(body, "target_state")));
  }

  boolean isBid() {
    return price != null;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static double number(JsonNode body, String field, double fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    try {
      return Double.parseDouble(value.asText().trim());
    } catch (NumberFormatException e) {
      throw SimApiException.invalidArgs(
          "error 400/3467: Invalid args: '" + field + "' must be a number");
    }
  }

  private static List<String> args(JsonNode args) {
    var list = new ArrayList<String>();
    if (args != null && args.isArray()) {
      args.forEach(arg -> list.add(arg.asText()));
    }
    return list;
  }
}
