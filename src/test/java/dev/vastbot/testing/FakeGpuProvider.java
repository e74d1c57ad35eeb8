package dev.vastbot.testing;

import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.InstanceState;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.port.GpuProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory marketplace for unit tests: seeded offers, instances that boot after a number of
 * polls, and scripted failures. Records every mutating call.
 */
public final class FakeGpuProvider implements GpuProvider {
  private final List<Offer> offers = new ArrayList<>();
  private final Map<Long, Instance> instances = new TreeMap<>();
  private final Map<Long, Integer> pollsUntilRunning = new TreeMap<>();
  private final Set<Long> takenOffers = new HashSet<>();
  private final List<String> calls = new ArrayList<>();
  private ProviderException nextFailure;
  private int pollsToBoot = 1;
  private boolean neverBoot;
  private long nextId = 1000;
  private int lists;
  private final Set<Long> startable = new HashSet<>();
  private java.util.concurrent.CountDownLatch listGate;
  private java.util.function.Consumer<CreateRequest> beforeCreate;

  public synchronized FakeGpuProvider withOffer(long id, String gpu, double dph, double reliability) {
    offers.add(new Offer(id, id, gpu, 1, 24576, dph, dph, dph / 2, reliability, "Test, US", 100, 1000, true));
    return this;
  }

  public synchronized FakeGpuProvider withRunningInstance(long id, String gpu) {
    instances.put(id, instance(id, gpu, "x", InstanceState.RUNNING));
    return this;
  }

  /** A running instance with an SSH address (something SSH can be pointed at). */
  public synchronized FakeGpuProvider withReachableInstance(long id, String gpu) {
    instances.put(id, reachable(id, gpu, "x", InstanceState.RUNNING));
    return this;
  }

  /** The next start of {@code id} leaves it running (with its SSH address) after one poll. */
  public synchronized void startableAfterStop(long id) {
    startable.add(id);
  }

  public synchronized void takeOffer(long offerId) {
    takenOffers.add(offerId);
  }

  public synchronized void failNextCall(ProviderException failure) {
    nextFailure = failure;
  }

  public synchronized void bootAfterPolls(int polls) {
    pollsToBoot = polls;
  }

  public synchronized void neverBoot() {
    neverBoot = true;
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public synchronized List<Offer> searchOffers(OfferQuery query) {
    failIfScripted();
    return offers.stream()
        .filter(o -> query.gpuName().map(o.gpuName()::equals).orElse(true))
        .filter(o -> query.maxDph().map(max -> o.dphTotal() <= max).orElse(true))
        .filter(o -> o.reliability() >= query.minReliability())
        .sorted(Comparator.comparingDouble(Offer::dphTotal))
        .limit(query.limit())
        .toList();
  }

  /**
   * Runs {@code hook} before each create, outside this provider's lock (it may call this provider,
   * or throw a {@link ProviderException} to fail the create); null removes it.
   */
  public synchronized void beforeEachCreate(java.util.function.Consumer<CreateRequest> hook) {
    beforeCreate = hook;
  }

  @Override
  public long createInstance(CreateRequest request) {
    java.util.function.Consumer<CreateRequest> hook;
    synchronized (this) {
      hook = beforeCreate;
    }
    if (hook != null) {
      hook.accept(request);
    }
    return create(request);
  }

  private synchronized long create(CreateRequest request) {
    calls.add("create " + request.offerId() + " " + request.label()
        + request.bidPrice().map(bid -> " bid " + bid).orElse(""));
    failIfScripted();
    if (takenOffers.contains(request.offerId())) {
      throw new ProviderException(ProviderException.Reason.OFFER_UNAVAILABLE, 410, "offer taken");
    }
    Offer offer = offers.stream().filter(o -> o.id() == request.offerId()).findFirst().orElseThrow();
    takenOffers.add(offer.id());
    long id = nextId++;
    instances.put(id, instance(id, offer.gpuName(), request.label(), InstanceState.LOADING));
    pollsUntilRunning.put(id, neverBoot ? Integer.MAX_VALUE : pollsToBoot);
    return id;
  }

  @Override
  public List<Instance> listInstances() {
    java.util.concurrent.CountDownLatch gate;
    synchronized (this) {
      gate = listGate;
    }
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    synchronized (this) {
      lists++;
      failIfScripted();
      return List.copyOf(instances.values());
    }
  }

  /** How many full lists were asked for. */
  public synchronized int listCount() {
    return lists;
  }

  /** From now on a list waits until {@code gate} opens (a slow list of a big account). */
  public synchronized void holdListsUntil(java.util.concurrent.CountDownLatch gate) {
    listGate = gate;
  }

  /** Vast's view of an instance changes (outbid, stopped by hand, ...). */
  public synchronized void setState(long id, InstanceState state) {
    Instance old = instances.get(id);
    instances.put(id, state == InstanceState.RUNNING && old.sshAddress().isPresent()
        ? reachable(id, old.gpuName(), old.label(), state) : instance(id, old.gpuName(), old.label(), state));
  }

  /** Vast no longer lists the instance. */
  public synchronized void forget(long id) {
    instances.remove(id);
  }

  @Override
  public synchronized Optional<Instance> findInstance(long id) {
    failIfScripted();
    Integer polls = pollsUntilRunning.get(id);
    if (polls != null) {
      if (polls <= 1) {
        pollsUntilRunning.remove(id);
        Instance old = instances.get(id);
        instances.put(id, instance(id, old.gpuName(), old.label(), InstanceState.RUNNING));
      } else if (polls != Integer.MAX_VALUE) {
        pollsUntilRunning.put(id, polls - 1);
      }
    }
    return Optional.ofNullable(instances.get(id));
  }

  @Override
  public synchronized List<Instance> findByLabel(String label) {
    return instances.values().stream().filter(i -> label.equals(i.label())).toList();
  }

  @Override
  public synchronized void startInstance(long id) {
    calls.add("start " + id);
    if (startable.remove(id)) {
      Instance old = instances.get(id);
      instances.put(id, reachable(id, old.gpuName(), old.label(), InstanceState.RUNNING));
    }
  }

  private final Set<Long> stoppable = new HashSet<>();
  private int stopsToFail;

  /** A stop of {@code id} from now on leaves it STOPPED (by default a stop only records the call). */
  public synchronized FakeGpuProvider stoppable(long id) {
    stoppable.add(id);
    return this;
  }

  /** The next {@code count} stops throw, as a process dying mid-call would leave it. */
  public synchronized void failNextStops(int count) {
    stopsToFail = count;
  }

  @Override
  public synchronized void stopInstance(long id) {
    calls.add("stop " + id);
    if (stopsToFail > 0) {
      stopsToFail--;
      throw new IllegalStateException("the process died while stopping " + id);
    }
    if (stoppable.contains(id) && instances.containsKey(id)) {
      setState(id, InstanceState.STOPPED);
    }
  }

  @Override
  public synchronized void rebootInstance(long id) {
    calls.add("reboot " + id);
  }

  @Override
  public synchronized void labelInstance(long id, String label) {
    calls.add("label " + id);
  }

  @Override
  public synchronized void destroyInstance(long id) {
    calls.add("destroy " + id);
    instances.remove(id);
  }

  @Override
  public synchronized void ensureAccountSshKey(String publicKey) {
    calls.add("ensure-key");
  }

  @Override
  public synchronized void attachSshKey(long instanceId, String publicKey) {
    calls.add("attach-key " + instanceId);
  }

  @Override
  public synchronized Account currentAccount() {
    failIfScripted();
    return new Account(1, "test@example.com", 42.5, 0);
  }

  private void failIfScripted() {
    if (nextFailure != null) {
      ProviderException failure = nextFailure;
      nextFailure = null;
      throw failure;
    }
  }

  private static Instance reachable(long id, String gpu, String label, InstanceState state) {
    return new Instance(id, label, gpu, 1, state, state.display(), "running", "running", "running",
        null, 0.4, 0.01, 50, false, new dev.vastbot.fleet.HostPort("127.0.0.1", 22), null, null);
  }

  private static Instance instance(long id, String gpu, String label, InstanceState state) {
    return new Instance(id, label, gpu, 1, state, state.display(), "running", "running", "running",
        null, 0.4, 0.01, 50, false, null, null, null);
  }
}
