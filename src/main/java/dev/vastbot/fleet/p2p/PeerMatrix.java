package dev.vastbot.fleet.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Who sees whom across the cluster, and the partitions that follow from it. Pure. */
public final class PeerMatrix {
  private final List<PeerView> views;

  public PeerMatrix(List<PeerView> views) {
    this.views = List.copyOf(views);
  }

  public List<PeerView> views() {
    return views;
  }

  /** Every node id mentioned: the observers first (sorted), then the other peers (sorted). */
  public List<String> nodes() {
    Set<String> observers = new TreeSet<>();
    Set<String> others = new TreeSet<>();
    for (PeerView view : views) {
      observers.add(view.nodeId());
      others.addAll(view.peersAlive().keySet());
    }
    others.removeAll(observers);
    List<String> nodes = new ArrayList<>(observers);
    nodes.addAll(others);
    return List.copyOf(nodes);
  }

  /** "yes", "no" (known but seen dead), "-" (not known to the observer, or itself). */
  public String cell(String observer, String peer) {
    if (observer.equals(peer)) {
      return "-";
    }
    return views.stream().filter(v -> v.nodeId().equals(observer)).findFirst()
        .map(v -> v.peersAlive().containsKey(peer) ? (v.peersAlive().get(peer) ? "yes" : "no") : "-")
        .orElse("?");
  }

  /** Groups of answering nodes connected by "sees alive" in either direction. */
  public List<Set<String>> partitions() {
    Map<String, Set<String>> edges = new HashMap<>();
    Set<String> answering = new LinkedHashSet<>();
    for (PeerView view : views) {
      if (!view.answered()) {
        continue;
      }
      answering.add(view.nodeId());
      view.peersAlive().forEach((peer, alive) -> {
        if (alive) {
          edges.computeIfAbsent(view.nodeId(), k -> new TreeSet<>()).add(peer);
          edges.computeIfAbsent(peer, k -> new TreeSet<>()).add(view.nodeId());
        }
      });
    }
    List<Set<String>> groups = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String node : answering) {
      if (!seen.add(node)) {
        continue;
      }
      Set<String> group = new TreeSet<>();
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(node));
      while (!queue.isEmpty()) {
        String current = queue.poll();
        group.add(current);
        for (String next : edges.getOrDefault(current, Set.of())) {
          if (seen.add(next)) {
            queue.add(next);
          }
        }
      }
      groups.add(group);
    }
    return groups;
  }

  /** Nodes that some answering node knows but sees dead, and that did not answer themselves. */
  public Set<String> deadPeers() {
    Set<String> answering = new TreeSet<>();
    views.stream().filter(PeerView::answered).forEach(v -> answering.add(v.nodeId()));
    Set<String> dead = new TreeSet<>();
    for (PeerView view : views) {
      view.peersAlive().forEach((peer, alive) -> {
        if (!alive && !answering.contains(peer)) {
          dead.add(peer);
        }
      });
    }
    return dead;
  }
}
