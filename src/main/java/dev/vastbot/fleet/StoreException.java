package dev.vastbot.fleet;

/** The store could not be read or written. The message names what failed, never a password. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
