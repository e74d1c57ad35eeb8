package dev.vastbot.sim;

import java.util.List;

/**
 * One GPU model of the seeded catalog.
 *
 * @param ramMb per-GPU memory as Vast reports it (MB)
 * @param priceLow lowest on-demand $/h per GPU
 * @param priceHigh highest on-demand $/h per GPU
 * @param offerCount how many machines offer it
 * @param dlperf Vast's deep-learning performance score per GPU
 */
record GpuModel(
    String name,
    int ramMb,
    double priceLow,
    double priceHigh,
    int offerCount,
    double cudaMaxGood,
    int computeCap,
    double tflops,
    double dlperf,
    int memBandwidth) {

  /** The models the catalog seeds, in catalog order. */
  static List<GpuModel> catalog() {
    return List.of(
        new GpuModel("RTX 4090", 24564, 0.30, 0.60, 8, 12.8, 890, 82.6, 26.5, 1008),
        new GpuModel("RTX 3090", 24576, 0.15, 0.30, 6, 12.4, 860, 35.6, 14.2, 936),
        new GpuModel("RTX 3080", 10240, 0.08, 0.15, 4, 12.4, 860, 29.8, 11.9, 760),
        new GpuModel("RTX 3070", 8192, 0.06, 0.12, 4, 12.2, 860, 20.3, 8.1, 448),
        new GpuModel("RTX 3060", 12288, 0.05, 0.09, 3, 12.2, 860, 12.7, 5.6, 360),
        new GpuModel("RTX 4080S", 16376, 0.18, 0.30, 4, 12.8, 890, 52.2, 19.4, 736),
        new GpuModel("RTX 5090", 32607, 0.55, 0.90, 4, 12.9, 1200, 104.8, 35.1, 1792),
        new GpuModel("RTX A6000", 49140, 0.40, 0.60, 3, 12.6, 860, 38.7, 16.8, 768),
        new GpuModel("A40", 46068, 0.35, 0.55, 3, 12.4, 860, 37.4, 15.9, 696),
        new GpuModel("L40S", 46068, 0.60, 0.95, 3, 12.8, 890, 91.6, 28.7, 864),
        new GpuModel("A100 PCIE", 40960, 0.60, 1.10, 2, 12.4, 800, 19.5, 22.4, 1555),
        new GpuModel("A100 SXM4", 81920, 0.80, 1.50, 4, 12.6, 800, 19.5, 27.3, 2039),
        new GpuModel("H100 SXM", 81559, 1.80, 3.00, 4, 12.8, 900, 66.9, 61.2, 3352));
  }
}
