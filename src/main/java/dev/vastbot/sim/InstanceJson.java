package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * Renders an instance as Vast's {@code GET /instances/{id}/} and v1 list show it (VAST_API §4.5).
 * SSH fields point at the {@link HostAttachment}'s loopback endpoint and only while running: {@code
 * ports["22/tcp"]} (direct) and {@code ssh_host}/{@code ssh_port} (proxy; for jupyter runtypes
 * {@code ssh_port} is one below, because clients add one). Stateless.
 */
final class InstanceJson {
  private InstanceJson() {}

  static ObjectNode render(SimInstance instance, Instant now) {
    var json = JsonNodeFactory.instance.objectNode();
    SimOffer offer = instance.rental().offer();
    CreateOrder order = instance.rental().order();
    json.put("id", instance.id());
    json.put("bundle_id", offer.id());
    json.put("machine_id", offer.machineId());
    json.put("host_id", offer.hostId());
    json.put("label", instance.label());
    json.put("actual_status", instance.actualStatus());
    json.put("intended_status", instance.states().intended());
    json.put("cur_state", instance.states().current());
    json.put("next_state", instance.states().next());
    json.put("status_msg", instance.statusMsg());
    json.put("image_uuid", order.image());
    var imageArgs = json.putArray("image_args");
    order.args().forEach(imageArgs::add);
    json.put("image_runtype", order.runtype());
    var extraEnv = json.putArray("extra_env");
    order.env().forEach(entry -> extraEnv.addArray().add(entry.key()).add(entry.value()));
    json.put("onstart", order.onstart());
    json.putNull("template_id");
    json.putNull("template_hash_id");
    json.put("jupyter_token", instance.rental().instanceApiKey().substring(0, 32));
    putHardware(json, instance);
    putPricing(json, instance);
    putSsh(json, instance);
    double start = instance.rental().createdAt().toEpochMilli() / 1000.0;
    json.put("start_date", start);
    json.put("end_date", start + offer.durationSeconds());
    json.put("duration", Duration.between(instance.rental().createdAt(), now).toMillis() / 1000.0);
    json.put("geolocation", offer.geolocation());
    json.put("reliability2", offer.reliability());
    json.put("verification", offer.verification());
    json.put("rentable", false);
    json.put("external", false);
    json.put("cuda_max_good", offer.model().cudaMaxGood());
    json.put("driver_version", offer.driverVersion());
    return json;
  }

  private static void putHardware(ObjectNode json, SimInstance instance) {
    SimOffer offer = instance.rental().offer();
    boolean running = instance.isRunning();
    json.put("num_gpus", offer.numGpus());
    json.put("gpu_name", offer.gpuName());
    json.put("gpu_arch", "nvidia");
    json.put("gpu_ram", offer.model().ramMb());
    json.put("gpu_totalram", offer.model().ramMb() * offer.numGpus());
    json.put("gpu_frac", 1.0);
    putNullable(json, "gpu_util", running ? 0.0 : null);
    putNullable(json, "gpu_temp", running ? 38.0 : null);
    json.put("cpu_name", offer.cpuName());
    json.put("cpu_cores_effective", offer.cpuCoresEffective());
    json.put("cpu_ram", offer.cpuRamMb());
    putNullable(json, "cpu_util", running ? 0.01 : null);
    json.put("disk_space", instance.rental().order().diskGb());
    json.put("inet_up", offer.inetUp());
    json.put("inet_down", offer.inetDown());
  }

  private static void putPricing(ObjectNode json, SimInstance instance) {
    SimOffer offer = instance.rental().offer();
    double storageTotal = instance.rental().storageTotalCost();
    json.put("is_bid", instance.rental().order().isBid());
    json.put("dph_base", instance.rental().dphBase());
    json.put("dph_total", instance.rental().dphBase() + storageTotal);
    json.put("min_bid", offer.minBid());
    json.put("storage_cost", offer.storageCost());
    json.put("storage_total_cost", storageTotal);
    json.put("inet_up_cost", 0.005);
    json.put("inet_down_cost", 0.005);
    json.set("search", OfferJson.priceBreakdown(instance.rental().dphBase(), storageTotal));
    double gpuNow = instance.isRunning() ? instance.rental().dphBase() : 0.0;
    json.set("instance", OfferJson.priceBreakdown(gpuNow, storageTotal));
  }

  private static void putSsh(ObjectNode json, SimInstance instance) {
    InetSocketAddress endpoint = instance.endpoint();
    json.put("public_ipaddr", endpoint == null ? "127.0.0.1" : endpoint.getHostString());
    json.put("direct_port_count", instance.rental().offer().directPortCount());
    if (endpoint == null) {
      json.putNull("ssh_host");
      json.putNull("ssh_port");
      json.putNull("ssh_idx");
      json.putNull("ports");
      return;
    }
    int port = endpoint.getPort();
    boolean jupyter = instance.rental().order().runtype().contains("jupyter");
    json.put("ssh_host", endpoint.getHostString());
    json.put("ssh_port", jupyter ? port - 1 : port);
    json.put("ssh_idx", String.valueOf(port % 10_000));
    json.put("machine_dir_ssh_port", port);
    var mapping = json.putObject("ports").putArray("22/tcp").addObject();
    mapping.put("HostIp", "0.0.0.0");
    mapping.put("HostPort", String.valueOf(port));
  }

  private static void putNullable(ObjectNode json, String field, Double value) {
    if (value == null) {
      json.putNull(field);
    } else {
      json.put(field, value);
    }
  }
}
