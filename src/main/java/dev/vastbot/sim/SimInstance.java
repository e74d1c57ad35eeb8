package dev.vastbot.sim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One rented instance's mutable state and status machine. Status changes are either immediate
 * (API calls, faults) or scheduled steps that {@link Billing} applies when the clock passes them.
 * Not thread-safe: the marketplace guards it.
 */
final class SimInstance {
  static final String OCI_FAILURE_MSG = "Error response from daemon: failed to create task for "
      + "container: failed to create shim task: OCI runtime create failed: runc create failed: "
      + "unable to start container process: error during container init: nvidia-container-cli: "
      + "device error: unknown device: unknown";

  private record StatusStep(Instant at, String status) {}

  private final long id;
  private final SimOffer offer;
  private final CreateOrder order;
  private final Instant createdAt;
  private final String instanceApiKey;
  private final SimSettings settings;
  private final HostLink hostLink;
  private final Set<String> authorizedKeys = new LinkedHashSet<>();
  private final Deque<StatusStep> schedule = new ArrayDeque<>();
  private final InstanceStates states = new InstanceStates();
  private String label;
  private String actualStatus;
  private String statusMsg;
  private boolean loadingForever;
  private boolean gpuTakenOnRestart;
  private InetSocketAddress endpoint;
  private double charged;

  SimInstance(long id, SimOffer offer, CreateOrder order, Instant createdAt, String instanceApiKey,
      SimSettings settings, HostLink hostLink) {
    this.id = id;
    this.offer = offer;
    this.order = order;
    this.createdAt = createdAt;
    this.instanceApiKey = instanceApiKey;
    this.settings = settings;
    this.hostLink = hostLink;
    this.label = order.label();
  }

  /** New instance: null, then created, loading and running as the boot delays pass. */
  void boot(Instant now, boolean holdInLoading) {
    loadingForever = holdInLoading;
    states.set("running");
    Duration toLoading = settings.createdToLoading();
    schedule.clear();
    schedule.add(new StatusStep(now.plus(toLoading.dividedBy(2)), "created"));
    schedule.add(new StatusStep(now.plus(toLoading), "loading"));
    scheduleRunning(now.plus(toLoading));
  }

  /** New instance that never started: {@code target_state} stopped, or a bid below min_bid. */
  void createStopped(String message) {
    states.set("stopped");
    moveTo("stopped");
    statusMsg = message;
  }

  void start(Instant now) {
    if (states.intended().equals("running") && !isHalted()) {
      return;
    }
    states.set("running");
    if (gpuTakenOnRestart) {
      states.waitForGpu();
      statusMsg = "Scheduling: waiting for GPUs that another renter now holds";
      return;
    }
    if ("offline".equals(actualStatus)) {
      return;
    }
    schedule.clear();
    moveTo("loading");
    statusMsg = "Starting container";
    scheduleRunning(now);
  }

  void stop(String message) {
    schedule.clear();
    states.set("stopped");
    if (!"offline".equals(actualStatus)) {
      moveTo("stopped");
    }
    statusMsg = message;
  }

  /** Reboot (docker stop/start, keeps the GPU): rebooting, then running after the load delay. */
  boolean reboot(Instant now) {
    if (!isRunning()) {
      return false;
    }
    moveTo("rebooting");
    statusMsg = "Rebooting";
    schedule.clear();
    scheduleRunning(now);
    return true;
  }

  void outbid() {
    stop("Instance stopped: outbid by a higher priority rental");
  }

  void hostOffline() {
    schedule.clear();
    moveTo("offline");
    statusMsg = "Host is offline";
  }

  void containerExited(String message) {
    schedule.clear();
    moveTo("exited");
    statusMsg = message;
  }

  void ociFailure() {
    schedule.clear();
    moveTo("created");
    statusMsg = OCI_FAILURE_MSG;
  }

  /** Keeps the instance in loading until released; a running instance drops back to loading. */
  void holdInLoading() {
    loadingForever = true;
    schedule.removeIf(step -> step.status().equals("running"));
    if (isRunning()) {
      moveTo("loading");
    }
  }

  void gpuTakenOnRestart(boolean taken) {
    gpuTakenOnRestart = taken;
  }

  /** Undoes armed per-instance faults: a held loading instance goes on to running. */
  void releaseFaults(Instant now) {
    gpuTakenOnRestart = false;
    if (loadingForever) {
      loadingForever = false;
      if ("loading".equals(actualStatus) && schedule.isEmpty()) {
        scheduleRunning(now);
      } else if (schedule.stream().anyMatch(step -> step.status().equals("loading"))) {
        schedule.add(new StatusStep(schedule.getLast().at().plus(settings.loadingToRunning()),
            "running"));
      }
    }
  }

  void destroy() {
    schedule.clear();
    moveTo("destroyed");
  }

  Optional<Instant> nextStepAt() {
    return Optional.ofNullable(schedule.peekFirst()).map(StatusStep::at);
  }

  void applyStepsDue(Instant now) {
    while (!schedule.isEmpty() && !schedule.peekFirst().at().isAfter(now)) {
      StatusStep step = schedule.pollFirst();
      moveTo(step.status());
      statusMsg = switch (step.status()) {
        case "created" -> "Creating container";
        case "loading" -> "Pulling image " + order.image();
        default -> statusMsg;
      };
    }
  }

  /** Moves a running instance to another attachment (after {@code setHostAttachment}). */
  void reattach(HostAttachment previous) {
    if (isRunning()) {
      previous.detach(id);
      endpoint = hostLink.attach(id, offer.gpuName(), offer.numGpus());
    }
  }

  double gpuRatePerHour() {
    return isRunning() ? dphBase() : 0.0;
  }

  double storageRatePerHour() {
    return "offline".equals(actualStatus) ? 0.0 : storageTotalCost();
  }

  void charge(double amount) {
    charged += amount;
  }

  boolean addAuthorizedKey(String publicKey) {
    return authorizedKeys.add(publicKey.trim());
  }

  private void scheduleRunning(Instant loadingStarted) {
    if (!loadingForever) {
      schedule.add(new StatusStep(loadingStarted.plus(settings.loadingToRunning()), "running"));
    }
  }

  private void moveTo(String status) {
    boolean wasRunning = isRunning();
    actualStatus = status;
    if (wasRunning && !isRunning()) {
      endpoint = null;
      hostLink.detach(id);
    } else if (!wasRunning && isRunning()) {
      endpoint = hostLink.attach(id, offer.gpuName(), offer.numGpus());
      statusMsg = "success, running " + order.image() + "/ssh";
    }
  }

  private boolean isHalted() {
    return actualStatus != null && List.of("stopped", "exited").contains(actualStatus);
  }

  boolean isRunning() {
    return "running".equals(actualStatus);
  }

  double dphBase() {
    return order.isBid() ? order.price() : offer.dphBase();
  }

  double storageTotalCost() {
    return offer.storageTotalCost(order.diskGb());
  }

  long id() { return id; }
  SimOffer offer() { return offer; }
  CreateOrder order() { return order; }
  Instant createdAt() { return createdAt; }
  String instanceApiKey() { return instanceApiKey; }
  InstanceStates states() { return states; }
  String label() { return label; }
  void relabel(String newLabel) { label = newLabel; }
  String actualStatus() { return actualStatus; }
  String statusMsg() { return statusMsg; }
  InetSocketAddress endpoint() { return endpoint; }
  double charged() { return charged; }
  List<String> authorizedKeys() { return List.copyOf(authorizedKeys); }
}
