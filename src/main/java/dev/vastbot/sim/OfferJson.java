package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Renders an offer as Vast's {@code /bundles/} answer shows it (VAST_API §2.3). Stateless. */
final class OfferJson {
  private OfferJson() {}

  static ObjectNode render(SimOffer offer, OfferPricing pricing, boolean rented, Instant now) {
    var json = JsonNodeFactory.instance.objectNode();
    GpuModel model = offer.model();
    double dphBase = pricing.dphBase(offer);
    double storageTotal = pricing.storageTotalCost(offer);
    double dphTotal = dphBase + storageTotal;
    double dlperf = round(model.dlperf() * offer.numGpus() * 0.9 * offer.reliability());
    double totalFlops = round(model.tflops() * offer.numGpus());
    json.put("id", offer.id());
    json.put("ask_contract_id", offer.id());
    json.putNull("bundle_id");
    json.putNull("bundled_results");
    json.put("machine_id", offer.machineId());
    json.put("host_id", offer.hostId());
    json.put("num_gpus", offer.numGpus());
    json.put("gpu_name", model.name());
    json.put("gpu_arch", "nvidia");
    json.put("gpu_ram", model.ramMb());
    json.put("gpu_total_ram", model.ramMb() * offer.numGpus());
    json.put("gpu_frac", 1.0);
    json.put("gpu_mem_bw", model.memBandwidth());
    json.put("gpu_max_power", 450.0);
    json.put("gpu_max_temp", 83.0);
    json.put("gpu_display_active", false);
    json.put("gpu_lanes", 16);
    json.put("compute_cap", model.computeCap());
    json.put("cuda_max_good", model.cudaMaxGood());
    json.put("driver_version", offer.driverVersion());
    json.put("cpu_name", offer.cpuName());
    json.put("cpu_arch", "amd64");
    json.put("cpu_cores", (int) offer.cpuCoresEffective() * 2);
    json.put("cpu_cores_effective", offer.cpuCoresEffective());
    json.put("cpu_ghz", 3.5);
    json.put("cpu_ram", offer.cpuRamMb());
    json.put("has_avx", 1);
    json.put("disk_space", offer.diskSpace());
    json.put("disk_bw", 2500.0);
    json.put("disk_name", "Samsung SSD 990 PRO 2TB");
    json.put("inet_up", offer.inetUp());
    json.put("inet_down", offer.inetDown());
    json.put("inet_up_cost", 0.005);
    json.put("inet_down_cost", 0.005);
    json.put("direct_port_count", offer.directPortCount());
    json.put("public_ipaddr", "127.0.0.1");
    json.put("static_ip", offer.directPortCount() > 0);
    json.put("geolocation", offer.geolocation());
    json.put("reliability", offer.reliability());
    json.put("reliability2", offer.reliability());
    json.put("reliability_mult", 1.0);
    json.put("verification", offer.verification());
    json.put("verified", offer.verified());
    json.put("rentable", !rented);
    json.put("rented", rented);
    json.put("is_bid", pricing.bid());
    json.put("external", false);
    json.put("hosting_type", 0);
    json.put("vms_enabled", false);
    json.put("dph_base", round(dphBase));
    json.put("dph_total", dphTotal);
    json.put("min_bid", offer.minBid());
    json.put("storage_cost", offer.storageCost());
    json.put("storage_total_cost", storageTotal);
    json.put("dlperf", dlperf);
    json.put("dlperf_per_dphtotal", round(dlperf / dphTotal));
    json.put("total_flops", totalFlops);
    json.put("flops_per_dphtotal", round(totalFlops / dphTotal));
    json.put("score", round(dlperf / dphTotal * offer.reliability()));
    json.put("pci_gen", 4.0);
    json.put("pcie_bw", 24.5);
    json.put("mobo_name", "ROME2D16-2T");
    json.put("os_version", "22.04");
    double start = now.getEpochSecond();
    json.put("start_date", start);
    json.put("end_date", start + offer.durationSeconds());
    json.put("duration", offer.durationSeconds());
    json.put("resource_type", "gpu");
    json.set("search", priceBreakdown(dphBase, storageTotal));
    json.set("instance", priceBreakdown(dphBase, storageTotal));
    return json;
  }

  static ObjectNode priceBreakdown(double gpuCostPerHour, double diskHour) {
    var breakdown = JsonNodeFactory.instance.objectNode();
    breakdown.put("gpuCostPerHour", gpuCostPerHour);
    breakdown.put("diskHour", diskHour);
    breakdown.put("totalHour", gpuCostPerHour + diskHour);
    breakdown.put("discountTotalHour", 0.0);
    breakdown.put("discountedTotalPerHour", gpuCostPerHour + diskHour);
    return breakdown;
  }

  private static double round(double value) {
    return OfferCatalog.round(value, 4);
  }
}
