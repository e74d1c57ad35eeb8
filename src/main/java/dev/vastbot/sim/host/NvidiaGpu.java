package dev.vastbot.sim.host;

import java.util.List;
import java.util.Locale;

/**
 * What {@code nvidia-smi} says about one GPU model of the simulated marketplace.
 *
 * @param smiName the name nvidia-smi prints ({@code NVIDIA GeForce RTX 4090})
 * @param memoryMib {@code memory.total} in MiB
 * @param powerLimitWatts {@code power.limit}
 */
record NvidiaGpu(String smiName, int memoryMib, int powerLimitWatts) {
  private static final int DEFAULT_MEMORY_MIB = 16384;
  private static final int DEFAULT_POWER_LIMIT = 250;

  private record Model(String marker, NvidiaGpu gpu) {}

  /** Most specific markers first: "A100 PCIE" before "A100". */
  private static final List<Model> MODELS =
      List.of(
          new Model("H100", new NvidiaGpu("NVIDIA H100 80GB HBM3", 81559, 700)),
          new Model("A100 PCIE", new NvidiaGpu("NVIDIA A100-PCIE-40GB", 40960, 250)),
          new Model("A100", new NvidiaGpu("NVIDIA A100-SXM4-80GB", 81920, 400)),
          new Model("L40S", new NvidiaGpu("NVIDIA L40S", 46068, 350)),
          new Model("A6000", new NvidiaGpu("NVIDIA RTX A6000", 49140, 300)),
          new Model("A40", new NvidiaGpu("NVIDIA A40", 46068, 300)),
          new Model("5090", new NvidiaGpu("NVIDIA GeForce RTX 5090", 32607, 575)),
          new Model("4090", new NvidiaGpu("NVIDIA GeForce RTX 4090", 24564, 450)),
          new Model("4080S", new NvidiaGpu("NVIDIA GeForce RTX 4080 SUPER", 16376, 320)),
          new Model("3090", new NvidiaGpu("NVIDIA GeForce RTX 3090", 24576, 350)),
          new Model("3080", new NvidiaGpu("NVIDIA GeForce RTX 3080", 10240, 320)),
          new Model("3070", new NvidiaGpu("NVIDIA GeForce RTX 3070", 8192, 220)),
          new Model("3060", new NvidiaGpu("NVIDIA GeForce RTX 3060", 12288, 170)));

  /** The GPU behind a Vast {@code gpu_name} such as {@code RTX 4090} or {@code A100 SXM4}. */
  static NvidiaGpu forVastName(String vastName) {
    String name = vastName == null || vastName.isBlank() ? "GPU" : vastName.strip();
    String upper = name.toUpperCase(Locale.ROOT);
    for (Model model : MODELS) {
      if (upper.contains(model.marker())) {
        return model.gpu();
      }
    }
    String brand =
        upper.startsWith("RTX") || upper.startsWith("GTX") ? "NVIDIA GeForce " : "NVIDIA ";
    return new NvidiaGpu(brand + name, DEFAULT_MEMORY_MIB, DEFAULT_POWER_LIMIT);
  }
}
