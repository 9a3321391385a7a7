package org.nipcgateway.simulators.bluez;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluez.GattCharacteristic1;
import org.bluez.datatypes.TwoTuple;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.simulators.bluez.PeripheralSpec.CharacteristicSpec;

/**
 * A characteristic as bluetoothd shows it: {@code UUID}, {@code Service}, {@code Flags}, {@code
 * Value} and {@code Notifying}; reads, writes (request or command) and notifications go through its
 * device, which knows whether the link is up. Notify sessions are per client and outlive the link,
 * as bluetoothd's do: a dropped link pauses them, a new connection turns them on again by itself, a
 * second {@code StartNotify} from the same client fails ({@code Failed} "Already notifying", or
 * {@code InProgress} while paused), and {@code StopNotify} without a session fails too.
 */
final class LookalikeCharacteristic extends BluezObject implements GattCharacteristic1 {
  private final LookalikeDevice device;
  private final CharacteristicSpec spec;
  private byte[] held;
  private long count;
  private java.util.concurrent.ScheduledFuture<?> periodic;

  /** The clients (bus names) with a notify session. */
  private final java.util.Set<String> sessions = new java.util.HashSet<>();

  LookalikeCharacteristic(
      String path, String service, CharacteristicSpec spec, LookalikeDevice device, Signals s) {
    super(path, "org.bluez.GattCharacteristic1", s);
    this.device = device;
    this.spec = spec;
    this.held = spec.value();
    initial("UUID", new Variant<>(BleUuids.full(spec.id().characteristicId())));
    initial("Service", new Variant<>(new DBusPath(service)));
    initial("Value", new Variant<>(new byte[0]));
    initial("Notifying", new Variant<>(false));
    initial("Flags", new Variant<>(flags(spec), "as"));
  }

  /** BlueZ's flag names; the fleet says {@code write-no-response} for write without response. */
  private static List<String> flags(CharacteristicSpec spec) {
    List<String> flags = new ArrayList<>();
    for (String property : List.of("read", "write", "write-no-response", "notify", "indicate")) {
      if (spec.properties().contains(property)) {
        flags.add(property.equals("write-no-response") ? "write-without-response" : property);
      }
    }
    return flags;
  }

  CharacteristicSpec spec() {
    return spec;
  }

  synchronized byte[] held() {
    return held.clone();
  }

  boolean notifying() {
    return Boolean.TRUE.equals(value("Notifying"));
  }

  /** The peripheral's value changes; with notifications on, it reaches bluetoothd. */
  void peripheralChanges(byte[] value) {
    synchronized (this) {
      held = value.clone();
    }
    if (notifying()) {
      change("Value", new Variant<>(value.clone()));
    }
  }

  void linkDropped() {
    stopPeriodic();
    if (notifying()) {
      change("Notifying", new Variant<>(false));
    }
  }

  /** bluetoothd forgets the sessions: it stopped, or the object left with its adapter. */
  synchronized void forgetSessions() {
    sessions.clear();
  }

  /** The link is up again: bluetoothd registers the sessions it kept with the peripheral. */
  void linkUp() {
    synchronized (this) {
      if (sessions.isEmpty()) {
        return;
      }
    }
    if (!notifying()) {
      change("Notifying", new Variant<>(true));
    }
    startPeriodic();
  }

  /** While notifying, the peripheral sends its value (or its next count) every interval. */
  private synchronized void startPeriodic() {
    if (spec.notifyIntervalMillis() > 0 && periodic == null) {
      periodic = device.every(spec.notifyIntervalMillis(), this::sendPeriodic);
    }
  }

  private synchronized void stopPeriodic() {
    if (periodic != null) {
      periodic.cancel(false);
      periodic = null;
    }
  }

  private void sendPeriodic() {
    byte[] next;
    synchronized (this) {
      if (spec.counting()) {
        count++;
        held =
            new byte[] {
              (byte) count, (byte) (count >> 8), (byte) (count >> 16), (byte) (count >> 24)
            };
      }
      next = held.clone();
    }
    if (notifying()) {
      change("Value", new Variant<>(next));
    }
  }

  @Override
  public byte[] ReadValue(Map<String, Variant<?>> options) {
    device.gattOperation("read");
    if (!spec.properties().contains("read")) {
      throw BluezErrors.notPermitted("Read not permitted");
    }
    return held();
  }

  @Override
  public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
    device.gattOperation("write");
    Variant<?> type = options.get("type");
    boolean command =
        type != null
            ? "command".equals(type.getValue())
            : !spec.properties().contains("write")
                && spec.properties().contains("write-no-response");
    if (command
        ? !spec.properties().contains("write-no-response")
        : !spec.properties().contains("write")) {
      throw command
          ? BluezErrors.notSupported("Operation is not supported")
          : BluezErrors.notPermitted("Write not permitted");
    }
    peripheralChanges(value);
  }

  @Override
  public TwoTuple<FileDescriptor, UInt16> AcquireWrite(Map<String, Variant<?>> options) {
    throw BluezErrors.notSupported("the look-alike hands out no sockets");
  }

  @Override
  public TwoTuple<FileDescriptor, UInt16> AcquireNotify(Map<String, Variant<?>> options) {
    throw BluezErrors.notSupported("the look-alike hands out no sockets");
  }

  @Override
  public void StartNotify() {
    String client = AbstractConnectionBase.getCallInfo().getSource();
    device.gattOperation("notifications");
    if (!spec.notifies()) {
      throw BluezErrors.notSupported("Operation is not supported");
    }
    synchronized (this) {
      if (sessions.contains(client)) {
        throw notifying()
            ? BluezErrors.failed("Already notifying")
            : BluezErrors.error("InProgress", "In Progress");
      }
      sessions.add(client);
    }
    if (!notifying()) {
      change("Notifying", new Variant<>(true));
    }
    startPeriodic();
  }

  @Override
  public void StopNotify() {
    String client = AbstractConnectionBase.getCallInfo().getSource();
    device.gattOperation("notifications");
    synchronized (this) {
      if (!sessions.remove(client)) {
        throw BluezErrors.failed("No notify session started");
      }
      if (!sessions.isEmpty()) {
        return;
      }
    }
    stopPeriodic();
    if (notifying()) {
      change("Notifying", new Variant<>(false));
    }
  }

  @Override
  public void Confirm() {}
}
