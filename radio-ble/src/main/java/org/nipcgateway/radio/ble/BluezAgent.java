package org.nipcgateway.radio.ble;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bluez.Agent1;
import org.bluez.exceptions.BluezRejectedException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pairing agent the driver registers with BlueZ ({@code org.bluez.Agent1}, capability {@code
 * KeyboardDisplay}). bluetoothd asks it while a connection the driver opened pairs; it answers from
 * that connection request: the passkey when passkey entry is permitted and one is given, yes to a
 * Just Works authorisation when Just Works is permitted, a rejection otherwise (which bluetoothd
 * turns into a failed pairing). Requests for devices the driver is not connecting are rejected.
 */
final class BluezAgent implements Agent1 {
  static final String PATH = "/org/nipcgateway/bluez/agent";
  private static final Logger LOG = LoggerFactory.getLogger(BluezAgent.class);
  private final Map<String, BleConnectRequest> connecting = new ConcurrentHashMap<>();

  /** The connection attempt to answer for while the device at {@code path} pairs. */
  void pairing(String path, BleConnectRequest request) {
    connecting.put(path, request);
  }

  void done(String path) {
    connecting.remove(path);
  }

  private BleConnectRequest permitting(DBusPath device, BleBonding method)
      throws BluezRejectedException {
    BleConnectRequest request = connecting.get(device.getPath());
    if (request == null || !request.permitted().contains(method)) {
      LOG.debug("refusing {} pairing of {}: not permitted", method, device.getPath());
      throw new BluezRejectedException(method + " pairing is not permitted for this device");
    }
    return request;
  }

  @Override
  public UInt32 RequestPasskey(DBusPath device) throws BluezRejectedException {
    BleConnectRequest request = permitting(device, BleBonding.PASSKEY);
    if (request.credentials().passkey().isEmpty()) {
      throw new BluezRejectedException("no passkey is known for this device");
    }
    return new UInt32(request.credentials().passkey().getAsInt());
  }

  @Override
  public void RequestConfirmation(DBusPath device, UInt32 passkey) throws BluezRejectedException {
    // Numeric comparison: no one can compare the numbers, so only the methods that need no check
    BleConnectRequest request = connecting.get(device.getPath());
    if (request == null
        || !(request.permitted().contains(BleBonding.JUSTWORKS)
            || request.credentials().passkey().stream().anyMatch(k -> k == passkey.intValue()))) {
      throw new BluezRejectedException("confirmation is not permitted for this device");
    }
  }

  @Override
  public void RequestAuthorization(DBusPath device) throws BluezRejectedException {
    permitting(device, BleBonding.JUSTWORKS);
  }

  @Override
  public String RequestPinCode(DBusPath device) throws BluezRejectedException {
    throw new BluezRejectedException("legacy PIN pairing is not supported");
  }

  @Override
  public void DisplayPinCode(DBusPath device, String pincode) throws BluezRejectedException {
    throw new BluezRejectedException("legacy PIN pairing is not supported");
  }

  @Override
  public void DisplayPasskey(DBusPath device, UInt32 passkey, UInt16 entered) {
    // The peripheral has the keyboard: nothing to show on a headless gateway (never logged)
  }

  @Override
  public void AuthorizeService(DBusPath device, String uuid) throws BluezRejectedException {
    if (!connecting.containsKey(device.getPath())) {
      throw new BluezRejectedException("no connection of ours is pairing");
    }
  }

  @Override
  public void Release() {
    LOG.info("BlueZ released the gateway's pairing agent");
  }

  @Override
  public void Cancel() {
    LOG.debug("BlueZ cancelled a pairing request");
  }

  @Override
  public String getObjectPath() {
    return PATH;
  }
}
