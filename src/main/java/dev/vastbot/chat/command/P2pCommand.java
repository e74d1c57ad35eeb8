package dev.vastbot.chat.command;

import dev.vastbot.chat.view.Block;
import dev.vastbot.chat.view.Heading;
import dev.vastbot.chat.view.Notice;
import dev.vastbot.chat.view.Paragraph;
import dev.vastbot.chat.view.Reply;
import dev.vastbot.chat.view.Table;
import dev.vastbot.fleet.Actor;
import dev.vastbot.fleet.p2p.JoinResult;
import dev.vastbot.fleet.p2p.PeerMatrix;
import dev.vastbot.fleet.p2p.PeerView;
import dev.vastbot.service.p2p.P2pNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /vast p2p status | discover | restart ID}: the P2P cluster on the fleet. */
public final class P2pCommand implements CommandHandler {
  private static final List<String> ACTIONS = List.of("status", "discover", "restart");
  /** The most peer columns the matrix shows; the rest are counted. */
  static final int MAX_PEER_COLUMNS = 32;
  private static final CommandSpec SPEC = new CommandSpec("p2p",
      "P2P cluster: status (who sees whom), discover (push peer lists), restart ID",
      List.of("ACTION", "ID"), 1, List.of());
  private final P2pNetwork network;

  public P2pCommand(P2pNetwork network) {
    this.network = network;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public CommandTraits traits(Arguments arguments) {
    return arguments.positional(0).filter("status"::equals).isPresent() ? CommandTraits.readsSlowly()
        : CommandTraits.changes();
  }

  @Override
  public Reply handle(Arguments arguments, Actor actor) throws InterruptedException {
    String action = arguments.positional(0).orElseThrow();
    switch (action) {
      case "status":
        return render(network.status());
      case "discover":
        return renderDiscover(network.discover());
      case "restart":
        if (arguments.positional(1).isEmpty()) {
          return Reply.error("/vast p2p restart needs ID.");
        }
        return renderJoin(network.restart(InstanceId.require(arguments, 1)));
      default:
        String hint = NearestWord.among(ACTIONS, action).orElse("status");
        return Reply.error("Unknown p2p action '" + action + "'.").then(new Paragraph("Try: /vast p2p " + hint));
    }
  }

  /** Who sees whom, the partitions and the dead peers. */
  public static Reply render(PeerMatrix matrix) {
    List<Block> blocks = new ArrayList<>();
    List<String> allNodes = matrix.nodes();
    List<String> nodes = allNodes.size() <= MAX_PEER_COLUMNS ? allNodes : allNodes.subList(0, MAX_PEER_COLUMNS);
    blocks.add(new Heading("P2P: " + matrix.views().stream().filter(PeerView::answered).count() + " of "
        + matrix.views().size() + " node(s) answering"));
    List<String> columns = new ArrayList<>(List.of("observer \\ peer"));
    columns.addAll(nodes);
    List<List<String>> rows = new ArrayList<>();
    for (PeerView view : matrix.views()) {
      List<String> row = new ArrayList<>(List.of(view.nodeId()));
      nodes.forEach(peer -> row.add(view.answered() ? matrix.cell(view.nodeId(), peer) : "?"));
      rows.add(row);
    }
    blocks.add(new Table(columns, rows));
    if (nodes.size() < allNodes.size()) {
      blocks.add(new Paragraph("… (" + (allNodes.size() - nodes.size()) + " more peer columns not shown)"));
    }
    matrix.views().stream().filter(v -> v.ignoredPeers() > 0)
        .forEach(v -> blocks.add(new Paragraph(v.nodeId() + " listed " + v.ignoredPeers()
            + " more peer(s) that were not read (not a node id, or over " + P2pNetwork.MAX_PEERS + " peers)")));
    List<Set<String>> partitions = matrix.partitions();
    blocks.add(new Paragraph(partitions.size() <= 1 ? "One partition." : partitions.size() + " partitions: "
        + partitions.stream().map(p -> String.join(" ", p)).collect(Collectors.joining(" | "))));
    if (!matrix.deadPeers().isEmpty()) {
      blocks.add(new Paragraph("Dead peers: " + String.join(", ", matrix.deadPeers())));
    }
    matrix.views().stream().filter(v -> !v.answered())
        .forEach(v -> blocks.add(new Paragraph(v.nodeId() + ": " + v.problem())));
    return new Reply(blocks);
  }

  private static Reply renderDiscover(Map<Long, String> results) {
    List<List<String>> rows = new ArrayList<>();
    results.forEach((id, what) -> rows.add(List.of("vast-" + id, what)));
    return Reply.of(new Heading("Peer lists pushed to " + results.size() + " node(s)"),
        new Table(List.of("node", "result"), rows));
  }

  private static Reply renderJoin(JoinResult join) {
    return Reply.of(new Notice(join.healthy() ? Notice.Level.SUCCESS : Notice.Level.ERROR,
        "vast-" + join.instanceId() + ": orchestrator restarted; " + join.detail()));
  }
}
