package dev.vastbot.config;

import dev.vastbot.fleet.autoscale.DemandSignal;
import dev.vastbot.fleet.autoscale.DemandSignal.Source;
import java.util.Map;

/** Reads a group's {@code demand} mapping: where its queued work is read from. */
final class DemandSignalConfig {
  private DemandSignalConfig() {}

  static DemandSignal read(ConfigSection demand) {
    var sourceSetting = demand.text("source", "p2p_status");
    var source =
        GroupConfig.oneOf(
            sourceSetting,
            Map.of(
                "p2p_status",
                Source.P2P_STATUS,
                "http_json",
                Source.HTTP_JSON,
                "command",
                Source.COMMAND,
                "file",
                Source.FILE));
    var url = demand.text("url", "");
    var pointer = demand.text("json_pointer", "");
    var command = demand.text("command", "");
    var file = demand.text("file", "");
    demand.rejectUnknownKeys();
    return switch (source) {
      case P2P_STATUS -> DemandSignal.p2pStatus();
      case HTTP_JSON -> httpJson(url, pointer);
      case COMMAND -> new DemandSignal(source, required(command, "source command"), "");
      case FILE -> new DemandSignal(source, required(file, "source file"), "");
    };
  }

  private static DemandSignal httpJson(Setting<String> url, Setting<String> pointer) {
    url.require(
        HttpUrl::isValid,
        "must be an http(s) URL like http://coordinator:8770/queue (source http_json)");
    pointer.require(
        p -> p.startsWith("/"), "must be a JSON pointer like '/queue/pending' (source http_json)");
    return new DemandSignal(Source.HTTP_JSON, url.value(), pointer.value());
  }

  private static String required(Setting<String> setting, String because) {
    return setting.require(text -> !text.isBlank(), "must be set (" + because + ")").value();
  }
}
