package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The instance operations behind the API: create (accept an ask), start/stop/label, reboot and
 * destroy, with Vast's error answers (VAST_API §3, §5). Not thread-safe: the marketplace calls it
 * under its lock, after stepping to {@code now}.
 */
final class InstanceDesk {
  /** Seeding adds credit for this many hours of what the seeded instances cost (30 days). */
  static final int SEEDED_CREDIT_HOURS = 720;

  private final SimSettings settings;
  private final OfferCatalog catalog;
  private final SimAccount account;
  private final Map<Long, SimInstance> instances;
  private final SeededIds ids;
  private final HostLink hostLink;
  private int createsHeldInLoading;

  InstanceDesk(
      SimSettings settings,
      OfferCatalog catalog,
      SimAccount account,
      Map<Long, SimInstance> instances,
      SeededIds ids,
      HostLink hostLink) {
    this.settings = settings;
    this.catalog = catalog;
    this.account = account;
    this.instances = instances;
    this.ids = ids;
    this.hostLink = hostLink;
  }

  ObjectNode create(long askId, CreateOrder order, Instant now) {
    SimOffer offer =
        catalog
            .offer(askId)
            .filter(candidate -> !catalog.isRented(candidate.id()))
            .orElseThrow(() -> offerUnavailable(askId, order.cancelUnavailable()));
    if (account.balance() <= 0) {
      throw SimApiException.of(400, "insufficient_credit", "Insufficient credits");
    }
    if (order.diskGb() > offer.diskSpace()) {
      throw SimApiException.invalidArgs(
          "error 400/3467: Invalid args: disk "
              + order.diskGb()
              + " GB exceeds the "
              + offer.diskSpace()
              + " GB available on offer "
              + askId);
    }
    long id = ids.nextInstanceId();
    var rental = new Rental(id, offer, order, now, ids.hexToken(64));
    var instance = new SimInstance(rental, settings, hostLink);
    account.sshKeys().forEach(key -> instance.addAuthorizedKey(key.publicKey()));
    instances.put(id, instance);
    catalog.markRented(offer.id(), id);
    if (order.isBid() && order.price() < offer.minBid()) {
      instance.createStopped("Bid price below the current minimum bid");
      throw bidTooLow(askId, id, order.price(), offer.minBid());
    }
    if (order.startStopped()) {
      instance.createStopped(null);
    } else {
      instance.boot(now, takeLoadingHold());
    }
    var answer = JsonNodeFactory.instance.objectNode();
    answer.put("success", true);
    answer.put("new_contract", id);
    answer.put("instance_api_key", rental.instanceApiKey());
    return answer;
  }

  /**
   * Creates instances that already exist as they stand (no boot steps, no API call), with the
   * account's SSH keys; running ones attach to the host link at once. Adds credit for {@value
   * #SEEDED_CREDIT_HOURS} hours of their full price, so that billing does not stop them. Returns
   * their ids in order.
   */
  List<Long> seed(List<SeededFleet.Seed> seeds) {
    var created = new ArrayList<Long>(seeds.size());
    double ratePerHour = 0;
    for (SeededFleet.Seed seed : seeds) {
      long id = ids.nextInstanceId();
      var rental = new Rental(id, seed.offer(), seed.order(), seed.createdAt(), ids.hexToken(64));
      var instance = new SimInstance(rental, settings, hostLink);
      account.sshKeys().forEach(key -> instance.addAuthorizedKey(key.publicKey()));
      instances.put(id, instance);
      switch (seed.start()) {
        case RUNNING -> instance.createRunning();
        case STOPPED ->
            instance.createStopped(
                rental.order().isBid()
                    ? "Instance stopped: outbid by a higher priority rental"
                    : "Stopped by user");
        case EXITED -> instance.containerExited("Container exited with code 1");
        case OFFLINE -> instance.hostOffline();
      }
      ratePerHour += rental.dphTotal();
      created.add(id);
    }
    account.setBalance(
        account.balance() + OfferCatalog.round(ratePerHour * SEEDED_CREDIT_HOURS, 2));
    return created;
  }

  void update(long instanceId, String state, String label, Instant now) {
    SimInstance instance = existing(instanceId);
    if (state == null && label == null) {
      throw SimApiException.invalidArgs("Nothing to change: send \"state\" or \"label\".");
    }
    if (label != null) {
      if (label.length() > 1024) {
        throw SimApiException.invalidArgs("label is longer than 1024 characters");
      }
      instance.relabel(label);
    }
    if (state == null) {
      return;
    }
    switch (state) {
      case "stopped" -> instance.stopByUser(now);
      case "running" -> {
        if (account.balance() <= 0) {
          throw SimApiException.of(400, "insufficient_credit", "Insufficient credits");
        }
        instance.start(now);
      }
      default -> throw SimApiException.invalidArgs("state must be \"running\" or \"stopped\"");
    }
  }

  void changeBid(long instanceId, double price, Instant now) {
    SimInstance instance = existing(instanceId);
    if (!instance.rental().order().isBid()) {
      throw SimApiException.invalidArgs("Instance " + instanceId + " is not an interruptible instance.");
    }
    long offerId = instance.rental().offer().id();
    double minBidNow = catalog.offer(offerId).map(SimOffer::minBid).orElse(instance.rental().offer().minBid());
    instance.changeBid(price, minBidNow, now);
  }

  void reboot(long instanceId, Instant now) {
    if (!existing(instanceId).reboot(now)) {
      throw SimApiException.invalidArgs("Instance " + instanceId + " is not running.");
    }
  }

  void destroy(long instanceId) {
    SimInstance instance = existing(instanceId);
    instance.destroy();
    instances.remove(instanceId);
    catalog.release(instance.rental().offer().id());
  }

  SimInstance existing(long instanceId) {
    SimInstance instance = instances.get(instanceId);
    if (instance == null) {
      throw SimApiException.noSuchInstance();
    }
    return instance;
  }

  void holdNextCreatesInLoading(int creates) {
    createsHeldInLoading = creates;
  }

  String logText(SimInstance instance, Instant now) {
    SimOffer offer = instance.rental().offer();
    CreateOrder order = instance.rental().order();
    return String.join(
        "\n",
        now
            + " [sim] instance "
            + instance.id()
            + " on machine "
            + offer.machineId()
            + " ("
            + offer.numGpus()
            + "x "
            + offer.gpuName()
            + ")",
        now + " [sim] image " + order.image() + ", runtype " + order.runtype(),
        now
            + " [sim] actual_status "
            + instance.actualStatus()
            + ", status_msg "
            + instance.statusMsg(),
        "");
  }

  ObjectNode stateRow(SimInstanceView view) {
    var row = JsonNodeFactory.instance.objectNode();
    row.put("id", view.id());
    row.put("offer_id", view.offerId());
    row.put("label", view.label());
    row.put("gpu_name", view.gpuName());
    row.put("num_gpus", view.numGpus());
    row.put("actual_status", view.actualStatus());
    row.put("intended_status", view.intendedStatus());
    row.put("cur_state", view.curState());
    row.put("status_msg", view.statusMsg());
    row.put("is_bid", view.isBid());
    row.put("dph_total", view.dphTotal());
    row.put("charged", view.charged());
    row.put(
        "ssh",
        view.sshEndpoint() == null
            ? null
            : view.sshEndpoint().getHostString() + ":" + view.sshEndpoint().getPort());
    return row;
  }

  private boolean takeLoadingHold() {
    if (createsHeldInLoading == 0) {
      return false;
    }
    if (createsHeldInLoading > 0) {
      createsHeldInLoading--;
    }
    return true;
  }

  private static SimApiException offerUnavailable(long askId, boolean cancelUnavailable) {
    var body = JsonNodeFactory.instance.objectNode();
    body.put("success", false);
    if (cancelUnavailable) {
      body.put("error", "no_such_ask");
      body.put(
          "msg", "error 410/3907: no_such_ask Instance type " + askId + " is no longer available.");
    } else {
      body.put("error", "invalid_args");
      body.put(
          "msg", "error 404/3603: no_such_ask Instance type by id " + askId + " is not available.");
    }
    body.put("ask_id", askId);
    return new SimApiException(cancelUnavailable ? 410 : 404, body);
  }

  private static SimApiException bidTooLow(long askId, long instanceId, double price, double min) {
    var body = JsonNodeFactory.instance.objectNode();
    body.put("success", false);
    body.put("error", "invalid_price");
    body.put(
        "msg",
        "error 400/3710: Bid price "
            + price
            + " is below the current minimum bid "
            + min
            + "; the instance was created stopped.");
    body.put("new_contract", instanceId);
    body.put("ask_id", askId);
    return new SimApiException(400, body);
  }
}
