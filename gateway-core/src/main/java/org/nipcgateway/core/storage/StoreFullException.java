package org.nipcgateway.core.storage;

/** The disk (or the database's size cap) is full: nothing of the change was applied. */
public final class StoreFullException extends StoreException {
  public StoreFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
