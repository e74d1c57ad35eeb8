package dev.vastbot.fleet.remote;

/**
 * A value meant for a remote command is not of its kind ({@link RemoteValue}), so no command was
 * built. The message shows the value safely and says what it should have been.
 */
public final class UnsafeValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsafeValueException(String message) {
    super(message);
  }
}
