package org.nipcgateway.radio.ble;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.nipcgateway.core.radio.AttError;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * What a BlueZ D-Bus error means for the gateway. bluetoothd turns ATT errors the peripheral sent
 * into {@code org.bluez.Error.NotPermitted}, {@code NotAuthorized}, {@code NotSupported}, {@code
 * InvalidOffset}, {@code InvalidValueLength} or {@code Failed} with "ATT error: 0x.." (its
 * gatt-client); those are the device's answer, a refusal. Everything else is a failure of the link,
 * the pairing or the radio.
 */
final class BluezFailures {
  private static final Pattern ATT_CODE = Pattern.compile("ATT error: 0x([0-9a-fA-F]{2})");

  private BluezFailures() {}

  /** The D-Bus error name of a failed call ({@code org.bluez.Error.Failed}). */
  @SuppressWarnings("removal") // getType is how dbus-java names an error it has no class for
  static String nameOf(DBusExecutionException error) {
    if (error.getClass() == DBusExecutionException.class) {
      String type = error.getType();
      return type == null ? "" : type;
    }
    return error.getClass().getName().replace('$', '.');
  }

  /**
   * Whether a refused {@code StartNotify} ({@code on}) or {@code StopNotify} means the session is
   * already as asked. bluetoothd keeps a client's notify session across reconnections and turns it
   * on again itself, then answers a second {@code StartNotify} with {@code Failed} "Already
   * notifying" (or {@code InProgress} while the link is not back); {@code StopNotify} without a
   * session is {@code Failed} "No notify session started".
   */
  static boolean sessionAlready(DBusExecutionException error, boolean on) {
    String message = String.valueOf(error.getMessage());
    if (on) {
      return is(error, "InProgress")
          || is(error, "Failed") && message.contains("Already notifying");
    }
    return is(error, "Failed") && message.contains("No notify session");
  }

  static boolean is(DBusExecutionException error, String bluezName) {
    return nameOf(error).equals("org.bluez.Error." + bluezName);
  }

  /** A GATT operation's error: the peripheral's refusal, or a failure. */
  static <T> DeviceAnswer<T> gatt(DBusExecutionException error, String operation) {
    String name = nameOf(error);
    String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
    AttError refusal =
        switch (name) {
          case "org.bluez.Error.NotPermitted" ->
              message.contains("paired") || message.contains("authentic")
                  ? AttError.INSUFFICIENT_AUTHENTICATION
                  : operation.equals("write")
                      ? AttError.WRITE_NOT_PERMITTED
                      : operation.equals("read")
                          ? AttError.READ_NOT_PERMITTED
                          : AttError.REQUEST_NOT_SUPPORTED;
          case "org.bluez.Error.NotAuthorized" -> AttError.INSUFFICIENT_AUTHORIZATION;
          case "org.bluez.Error.NotSupported" -> AttError.REQUEST_NOT_SUPPORTED;
          case "org.bluez.Error.InvalidOffset" -> AttError.INVALID_OFFSET;
          case "org.bluez.Error.InvalidValueLength" -> AttError.INVALID_ATTRIBUTE_VALUE_LENGTH;
          case "org.bluez.Error.InProgress" -> AttError.PROCEDURE_ALREADY_IN_PROGRESS;
          default -> null;
        };
    if (refusal != null) {
      return DeviceAnswer.refused(DeviceStatus.att(refusal));
    }
    Matcher att = ATT_CODE.matcher(String.valueOf(error.getMessage()));
    if (name.equals("org.bluez.Error.Failed") && att.find()) {
      return DeviceAnswer.refused(
          new DeviceStatus(DeviceStatus.Protocol.ATT, Integer.parseInt(att.group(1), 16)));
    }
    throw failure(error, operation);
  }

  /** A failure of the link, pairing or radio. */
  static RadioException failure(DBusExecutionException error, String operation) {
    String name = nameOf(error);
    String detail = operation + " failed: " + name.replaceFirst("^org\\.bluez\\.Error\\.", "");
    if (name.startsWith("org.bluez.Error.Authentication")) {
      return new RadioException(Reason.BONDING_FAILED, detail);
    }
    // dbus-java's own errors come as its classes (org.freedesktop.dbus.errors.NoReply): by last
    // part
    String last = name.substring(name.lastIndexOf('.') + 1);
    if (name.equals("org.bluez.Error.NotReady")) {
      return new RadioException(Reason.RADIO_DOWN, detail);
    }
    return switch (last) {
      case "NoReply", "Timeout", "TimedOut" ->
          new RadioException(Reason.TIMEOUT, operation + " got no answer in time");
      case "UnknownObject", "UnknownMethod", "ServiceUnknown", "NameHasNoOwner" ->
          new RadioException(Reason.CONNECTION_FAILED, operation + ": the object left the bus");
      default -> new RadioException(Reason.CONNECTION_FAILED, detail);
    };
  }
}
