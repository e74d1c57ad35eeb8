package dev.vastbot.ssh;

/**
 * The SSH client key could not be used. The message names the file and says what is wrong and how
 * to fix it, in one line; it never contains key material.
 */
public final class InvalidSshKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSshKeyException(String message) {
    super(message);
  }

  public InvalidSshKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
