package org.nipcgateway.core.storage;

/** The store could not read or write; nothing of the failed change was applied. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
