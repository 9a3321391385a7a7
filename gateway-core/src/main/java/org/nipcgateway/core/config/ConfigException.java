package org.nipcgateway.core.config;

/** A setting an operator gave is unusable; the message says which and why, for the console. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
