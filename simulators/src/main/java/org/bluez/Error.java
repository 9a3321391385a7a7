package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * BlueZ's D-Bus error names as exceptions for exported objects. dbus-java names an error after the
 * class thrown (nested classes with a dot), so {@code org.bluez.Error$Failed} goes on the wire as
 * {@code org.bluez.Error.Failed}, exactly as bluetoothd sends it; bluez-dbus's own exception
 * classes would go out under their Java names. Lives in {@code org.bluez} for that reason only.
 */
@SuppressWarnings("serial")
public final class Error {
  private Error() {}

  /** {@code org.bluez.Error.Failed}. */
  public static final class Failed extends DBusExecutionException {
    public Failed(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotPermitted}. */
  public static final class NotPermitted extends DBusExecutionException {
    public NotPermitted(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotSupported}. */
  public static final class NotSupported extends DBusExecutionException {
    public NotSupported(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InvalidArguments}. */
  public static final class InvalidArguments extends DBusExecutionException {
    public InvalidArguments(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotReady}. */
  public static final class NotReady extends DBusExecutionException {
    public NotReady(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InProgress}. */
  public static final class InProgress extends DBusExecutionException {
    public InProgress(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AlreadyConnected}. */
  public static final class AlreadyConnected extends DBusExecutionException {
    public AlreadyConnected(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AlreadyExists}. */
  public static final class AlreadyExists extends DBusExecutionException {
    public AlreadyExists(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.DoesNotExist}. */
  public static final class DoesNotExist extends DBusExecutionException {
    public DoesNotExist(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AuthenticationFailed}. */
  public static final class AuthenticationFailed extends DBusExecutionException {
    public AuthenticationFailed(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AuthenticationRejected}. */
  public static final class AuthenticationRejected extends DBusExecutionException {
    public AuthenticationRejected(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AuthenticationCanceled}. */
  public static final class AuthenticationCanceled extends DBusExecutionException {
    public AuthenticationCanceled(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.Rejected}. */
  public static final class Rejected extends DBusExecutionException {
    public Rejected(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.Canceled}. */
  public static final class Canceled extends DBusExecutionException {
    public Canceled(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotConnected}. */
  public static final class NotConnected extends DBusExecutionException {
    public NotConnected(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InvalidLength}. */
  public static final class InvalidLength extends DBusExecutionException {
    public InvalidLength(String message) {
      super(message);
    }
  }
}
