package dev.vastbot.fleet;

/**
 * An operation named an instance that is not there, or not in a state the operation needs. The
 * message is for people ("no instance 12 on the account", "instance 12 is not running").
 */
public class InstanceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InstanceUnavailableException(String message) {
    super(message);
  }

  public static InstanceUnavailableException notOnAccount(long id) {
    return new InstanceUnavailableException("no instance " + id + " on the account");
  }
}
