package dev.vastbot.fleet.work;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which self-play job an instance runs, by its GPU model (RingRift's board mapping): small GPUs
 * play the small boards, big GPUs the big ones.
 */
public final class WorkloadTable {
  /** RingRift's GPU_BOARD_MAPPING (RINGRIFT_SCRIPTS.md §2.4). */
  public static final Map<String, String> RINGRIFT_BOARDS = ringriftBoards();
  private static final Map<String, Integer> GAMES_PER_BOARD =
      Map.of("hex8", 2000, "square8", 1500, "hexagonal", 500);

  private final Map<String, String> boardByGpu;
  private final String defaultBoard;
  /** boardFor's answers by GPU name: a fleet has few models, and /vast list asks once per instance. */
  private final Map<String, String> boardByName = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param boardByGpu GPU model → board; a model matches when it appears in the instance's GPU
   *     name, case and spaces ignored ("RTX 3070" matches "RTX 3070 Ti" too; longer keys win)
   */
  public WorkloadTable(Map<String, String> boardByGpu, String defaultBoard) {
    this.boardByGpu = Map.copyOf(boardByGpu);
    this.defaultBoard = defaultBoard;
  }

  public String boardFor(String gpuName) {
    return boardByName.computeIfAbsent(gpuName == null ? "" : gpuName, this::lookUp);
  }

  private String lookUp(String gpuName) {
    String gpu = squash(gpuName);
    String bestKey = null;
    for (String key : boardByGpu.keySet()) {
      String squashed = squash(key);
      if (gpu.contains(squashed) && (bestKey == null || squashed.length() > squash(bestKey).length())) {
        bestKey = key;
      }
    }
    return bestKey == null ? defaultBoard : boardByGpu.get(bestKey);
  }

  /** How many games one worker run plays (the old scripts' numbers). */
  public static int gamesFor(String board) {
    return GAMES_PER_BOARD.getOrDefault(board, 1000);
  }

  private static String squash(String text) {
    return text.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
  }

  private static Map<String, String> ringriftBoards() {
    Map<String, String> boards = new LinkedHashMap<>();
    for (String gpu : new String[] {"RTX 3070", "RTX 2060S", "RTX 2060 SUPER", "RTX 3060 Ti", "RTX 2080 Ti", "RTX 3060"}) {
      boards.put(gpu, "hex8");
    }
    boards.put("RTX 4060 Ti", "square8");
    for (String gpu : new String[] {"RTX 4080S", "RTX 4080 SUPER", "RTX 5080"}) {
      boards.put(gpu, "square19");
    }
    for (String gpu : new String[] {"A40", "RTX 5090", "RTX 5070", "A10", "H100"}) {
      boards.put(gpu, "hexagonal");
    }
    return Map.copyOf(boards);
  }
}
