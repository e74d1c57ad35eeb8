package dev.vastbot.fleet.port;

import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import java.util.List;
import java.util.Optional;
/**
 * The GPU marketplace (Vast.ai). Implementations are thread-safe. Every method either returns what
 * the provider said or throws {@link ProviderException}; an error is never read as an empty answer.
 */
public interface GpuProvider {

  /** Offers matching the query, cheapest total price first. */
  List<Offer> searchOffers(OfferQuery query);

  /**
   * Rents an offer and returns the new instance id. Idempotent per {@link CreateRequest#label()}:
   * when an attempt's outcome is unknown (a timeout, a gateway error), the instance is looked up by
   * its label before the create is sent again.
   */
  long createInstance(CreateRequest request);

  /** Every instance on the account (all pages). */
  List<Instance> listInstances();

  /** One instance, or empty when Vast says it is gone. */
  Optional<Instance> findInstance(long id);

  /** Instances carrying exactly this label. */
  List<Instance> findByLabel(String label);

  void startInstance(long id);

  void stopInstance(long id);

  void rebootInstance(long id);

  /**
   * Sets an interruptible instance's bid per hour for the whole machine; one outbid resumes when
   * the new bid wins. A provider without interruptible rentals refuses.
   */
  default void changeBid(long id, double pricePerHour) {
    throw new ProviderException(ProviderException.Reason.REJECTED, 0,
        "this provider cannot change bids");
  }

  void labelInstance(long id, String label);

  /** Destroys an instance; an instance that is already gone counts as destroyed. */
  void destroyInstance(long id);

  Account currentAccount();

  /**
   * Makes sure the account holds this SSH public key ({@code "ssh-ed25519 AAAA... comment"}), so
   * that instances created from now on accept it. Does nothing when it is already there.
   */
  void ensureAccountSshKey(String publicKey);

  /** Adds an SSH public key to one existing instance. */
  void attachSshKey(long instanceId, String publicKey);
}
