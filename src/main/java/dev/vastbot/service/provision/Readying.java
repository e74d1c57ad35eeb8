package dev.vastbot.service.provision;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a rent makes its new instances ready for work, in order: the bot's SSH key registered with
 * the account and attached to each, each followed until it runs ({@link InstanceWaiter}), each
 * that runs prepared (workers, P2P).
 *
 * @param waiter follows the new instances until each runs, fails or passes the boot deadline
 * @param sshPublicKey the bot's SSH public key, empty when none is configured: registered with the
 *     account before a create and attached to each new instance, so that new instances accept it
 * @param preparation makes each new instance that runs useful
 */
public record Readying(InstanceWaiter waiter, Supplier<Optional<String>> sshPublicKey,
    Provisioner.InstancePreparation preparation) {

  public Readying {
    requireNonNull(waiter, "waiter == null");
    requireNonNull(sshPublicKey, "sshPublicKey == null");
    requireNonNull(preparation, "preparation == null");
  }
}
