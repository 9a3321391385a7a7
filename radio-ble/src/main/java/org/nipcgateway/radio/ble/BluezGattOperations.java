package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * GATT over a connected device's objects: discovery from the tree (no D-Bus call), and {@code
 * ReadValue}, {@code WriteValue}, {@code StartNotify}/{@code StopNotify} on a characteristic's
 * object, on the driver's workers in the device's lane. What the peripheral refuses is an answer
 * ({@link BluezFailures#gatt}); a lost link is checked against the adapter.
 */
final class BluezGattOperations {
  private final BluezSession session;
  private final BluezSettings settings;
  private final BluezCalls calls;
  private final BluezGatt gatt;
  private final BluezConnections connections;

  BluezGattOperations(
      BluezSession session,
      BluezSettings settings,
      BluezCalls calls,
      BluezGatt gatt,
      BluezConnections connections) {
    this.session = session;
    this.settings = settings;
    this.calls = calls;
    this.gatt = gatt;
    this.connections = connections;
  }

  Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds) {
    if (!session.up()) {
      return session.down();
    }
    try {
      String path = connections.connected(device);
      Set<String> wanted = serviceIds.stream().map(BleUuids::canonical).collect(Collectors.toSet());
      return Future.succeededFuture(gatt.services(path, wanted));
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic id) {
    return onCharacteristic(
        device,
        id,
        "read",
        (c, deadline) ->
            DeviceAnswer.of(
                session.bus().object(c, GattCharacteristic1.class, deadline).ReadValue(Map.of())));
  }

  Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic id, byte[] value, BleWriteType type) {
    Map<String, Variant<?>> options =
        Map.of("type", new Variant<>(type == BleWriteType.REQUEST ? "request" : "command"));
    byte[] sent = value.clone();
    return onCharacteristic(
        device,
        id,
        "write",
        (c, deadline) -> {
          session.bus().object(c, GattCharacteristic1.class, deadline).WriteValue(sent, options);
          return DeviceAnswer.done();
        });
  }

  Future<DeviceAnswer<Void>> notifications(BleAddress device, GattCharacteristic id, boolean on) {
    return onCharacteristic(
        device,
        id,
        "notifications",
        (c, deadline) -> {
          GattCharacteristic1 characteristic =
              session.bus().object(c, GattCharacteristic1.class, deadline);
          try {
            if (on) {
              characteristic.StartNotify();
            } else {
              characteristic.StopNotify();
            }
          } catch (DBusExecutionException e) {
            if (!BluezFailures.sessionAlready(e, on)) {
              throw e;
            }
          }
          return DeviceAnswer.done();
        });
  }

  /** A GATT call on a characteristic of a connected device, answered or refused. */
  private <T> Future<DeviceAnswer<T>> onCharacteristic(
      BleAddress device, GattCharacteristic id, String operation, GattCall<T> call) {
    if (!session.up()) {
      return session.down();
    }
    String characteristic;
    try {
      characteristic =
          gatt.characteristic(connections.connected(device), id)
              .orElseThrow(
                  () -> new RadioException(Reason.UNKNOWN_TARGET, device + " has no " + id));
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
    BluezDeadline deadline =
        BluezDeadline.in(operation + " " + device + " " + id, settings.operationTimeoutMillis());
    return calls.call(
        device.toString(),
        deadline,
        () -> call.on(characteristic, deadline),
        e -> {
          try {
            return BluezFailures.gatt(e, operation);
          } catch (RadioException failure) {
            throw connections.confirmed(failure, deadline);
          }
        });
  }

  /** One blocking GATT call on a characteristic's object path, waiting until the deadline. */
  private interface GattCall<T> {
    DeviceAnswer<T> on(String characteristic, BluezDeadline deadline) throws DBusException;
  }
}
