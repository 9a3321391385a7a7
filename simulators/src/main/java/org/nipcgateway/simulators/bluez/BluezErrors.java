package org.nipcgateway.simulators.bluez;

import org.bluez.Error;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus errors bluetoothd answers with, by their BlueZ names ({@code org.bluez.Error.*}), so
 * the driver sees exactly what it would see from the real daemon.
 */
final class BluezErrors {
  private BluezErrors() {}

  static DBusExecutionException error(String name, String message) {
    return switch (name) {
      case "InProgress" -> new Error.InProgress(message);
      case "AlreadyConnected" -> new Error.AlreadyConnected(message);
      case "AlreadyExists" -> new Error.AlreadyExists(message);
      case "DoesNotExist" -> new Error.DoesNotExist(message);
      case "AuthenticationFailed" -> new Error.AuthenticationFailed(message);
      case "AuthenticationRejected" -> new Error.AuthenticationRejected(message);
      case "AuthenticationCanceled" -> new Error.AuthenticationCanceled(message);
      case "Rejected" -> new Error.Rejected(message);
      case "NotConnected" -> new Error.NotConnected(message);
      default -> new Error.Failed(message);
    };
  }

  static DBusExecutionException failed(String message) {
    return new Error.Failed(message);
  }

  static DBusExecutionException notPermitted(String message) {
    return new Error.NotPermitted(message);
  }

  static DBusExecutionException notSupported(String message) {
    return new Error.NotSupported(message);
  }

  static DBusExecutionException invalidArguments(String message) {
    return new Error.InvalidArguments(message);
  }

  static DBusExecutionException notReady(String message) {
    return new Error.NotReady(message);
  }

  /** The D-Bus name of an error a call answered with. */
  static String nameOf(DBusExecutionException error) {
    return error.getClass().getName().replace('$', '.');
  }
}
