package dev.vastbot.sim;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One rented instance's mutable state and status machine. Status changes are either immediate (API
 * calls, faults) or scheduled steps that {@link Billing} applies when the clock passes them. Not
 * thread-safe: the marketplace guards it.
 */
final class SimInstance {
  static final String OCI_FAILURE_MSG =
      "Error response from daemon: failed to create task for "
          + "container: failed to create shim task: OCI runtime create failed: runc create failed: "
          + "unable to start container process: error during container init: nvidia-container-cli: "
          + "device error: unknown device: unknown";

  private Rental rental;
  private final HostLink hostLink;
  private final Set<String> authorizedKeys = new LinkedHashSet<>();
  private final StatusSchedule schedule;
  private final InstanceStates states = new InstanceStates();
  private String label;
  private String actualStatus;
  private String statusMsg;
  private boolean gpuTakenOnRestart;
  private final SimSettings settings;
  /** When a user last stopped it; null while it runs, or when something else stopped it. */
  private Instant stoppedAt;
  private int restarts;
  private InetSocketAddress endpoint;
  private double charged;

  SimInstance(Rental rental, SimSettings settings, HostLink hostLink) {
    this.rental = rental;
    this.hostLink = hostLink;
    this.label = rental.order().label();
    this.schedule = new StatusSchedule(settings);
    this.settings = settings;
  }

  /** New instance: null, then created, loading and running as the boot delays pass. */
  void boot(Instant now, boolean holdInLoading) {
    states.set("running");
    schedule.boot(now, holdInLoading);
  }

  /** New instance that never started: {@code target_state} stopped, or a bid below min_bid. */
  void createStopped(String message) {
    states.set("stopped");
    moveTo("stopped");
    statusMsg = message;
  }

  /** A seeded instance that was already running before the simulation began. */
  void createRunning() {
    states.set("running");
    moveTo("running");
  }

  void start(Instant now) {
    if (states.intended().equals("running") && !isHalted()) {
      return;
    }
    states.set("running");
    drawGpuTaken(now);
    if (gpuTakenOnRestart) {
      states.waitForGpu();
      statusMsg = "Scheduling: waiting for GPUs that another renter now holds";
      return;
    }
    if ("offline".equals(actualStatus)) {
      return;
    }
    moveTo("loading");
    statusMsg = "Starting container";
    schedule.runAfterRestart(now);
  }

  /** A user's stop: as {@link #stop}, and the GPU may go to another renter while it stays stopped. */
  void stopByUser(Instant now) {
    stop("Stopped by user");
    stoppedAt = now;
  }

  /**
   * Whether the GPU went to another renter while a user kept it stopped: drawn once per start, with
   * {@link SimSettings#gpuTakenProbability} of the time stopped, from the seed, the instance id and
   * how many starts it had; once taken it stays taken.
   */
  private void drawGpuTaken(Instant now) {
    if (stoppedAt == null) {
      return;
    }
    double p = settings.gpuTakenProbability(java.time.Duration.between(stoppedAt, now));
    long draw = settings.seed() * 0x9E3779B97F4A7C15L + rental.id() * 1_000_003L + restarts++;
    if (new java.util.SplittableRandom(draw).nextDouble() < p) {
      gpuTakenOnRestart = true;
    }
    stoppedAt = null;
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
    schedule.runAfterLoading(now);
    return true;
  }

  static final String OUTBID_MSG = "Instance stopped: outbid by a higher priority rental";

  void outbid() {
    stop(OUTBID_MSG);
  }

  /**
   * A new bid from now on; an instance stopped by a higher bid runs again when the new one beats
   * the machine's minimum bid now (as Vast resumes it when it regains priority).
   */
  void changeBid(double price, double minBidNow, Instant now) {
    rental = rental.withBid(price);
    if (OUTBID_MSG.equals(statusMsg) && price >= minBidNow) {
      start(now);
    }
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

  /** Reports a status this client may not know (Vast's set is open-ended: frozen, recycling...). */
  void reportStatus(String status) {
    schedule.clear();
    moveTo(status);
  }

  void ociFailure() {
    schedule.clear();
    moveTo("created");
    statusMsg = OCI_FAILURE_MSG;
  }

  /** Keeps the instance in loading until released; a running instance drops back to loading. */
  void holdInLoading() {
    schedule.holdInLoading();
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
    schedule.release(now, "loading".equals(actualStatus));
  }

  void destroy() {
    schedule.clear();
    moveTo("destroyed");
  }

  Optional<Instant> nextStepAt() {
    return schedule.nextAt();
  }

  void applyStepsDue(Instant now) {
    Optional<StatusSchedule.Step> due;
    while ((due = schedule.takeDue(now)).isPresent()) {
      StatusSchedule.Step step = due.get();
      moveTo(step.status());
      statusMsg =
          switch (step.status()) {
            case "created" -> "Creating container";
            case "loading" -> "Pulling image " + rental.order().image();
            default -> statusMsg;
          };
    }
  }

  /** Moves a running instance to another attachment (after {@code setHostAttachment}). */
  void reattach(HostAttachment previous) {
    if (isRunning()) {
      previous.detach(rental.id());
      endpoint = attachHost();
    }
  }

  double gpuRatePerHour() {
    return isRunning() ? rental.dphBase() : 0.0;
  }

  double storageRatePerHour() {
    return "offline".equals(actualStatus) ? 0.0 : rental.storageTotalCost();
  }

  void charge(double amount) {
    charged += amount;
  }

  boolean addAuthorizedKey(String publicKey) {
    return authorizedKeys.add(publicKey.trim());
  }

  private void moveTo(String status) {
    boolean wasRunning = isRunning();
    actualStatus = status;
    if (wasRunning && !isRunning()) {
      endpoint = null;
      hostLink.detach(rental.id());
    } else if (!wasRunning && isRunning()) {
      endpoint = attachHost();
      statusMsg = "success, running " + rental.order().image() + "/ssh";
    }
  }

  private InetSocketAddress attachHost() {
    return hostLink.attach(rental.id(), rental.offer().gpuName(), rental.offer().numGpus());
  }

  private boolean isHalted() {
    return actualStatus != null && List.of("stopped", "exited").contains(actualStatus);
  }

  boolean isRunning() {
    return "running".equals(actualStatus);
  }

  long id() {
    return rental.id();
  }

  Rental rental() {
    return rental;
  }

  InstanceStates states() {
    return states;
  }

  String label() {
    return label;
  }

  void relabel(String newLabel) {
    label = newLabel;
  }

  String actualStatus() {
    return actualStatus;
  }

  String statusMsg() {
    return statusMsg;
  }

  InetSocketAddress endpoint() {
    return endpoint;
  }

  double charged() {
    return charged;
  }

  List<String> authorizedKeys() {
    return List.copyOf(authorizedKeys);
  }
}
