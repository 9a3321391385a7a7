package org.nipcgateway.simulators.bluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bluez.Agent1;
import org.bluez.Device1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * A remote device ({@code /org/bluez/hci0/dev_XX_XX_XX_XX_XX_XX}). {@code Connect} takes a
 * connection slot, pairs through the registered agent when the peripheral insists (a security
 * request: {@code RequestPasskey} for passkey entry, {@code RequestAuthorization} for Just Works,
 * as bluetoothd asks), then resolves services.
 */
final class LookalikeDevice extends BluezObject implements Device1 {
  private final BluezLookalike lookalike;
  private final PeripheralSpec spec;
  private final Map<GattCharacteristic, LookalikeCharacteristic> characteristics =
      new LinkedHashMap<>();

  LookalikeDevice(String path, String adapter, PeripheralSpec spec, BluezLookalike lookalike) {
    super(path, "org.bluez.Device1", lookalike::send);
    this.lookalike = lookalike;
    this.spec = spec;
    BleAdvertisement ad = BleAdvertisement.fromRaw(spec.address(), spec.rssi(), spec.advertising());
    initial("Address", new Variant<>(spec.address().toString()));
    initial("AddressType", new Variant<>(spec.address().type().name().toLowerCase(Locale.ROOT)));
    ad.localName().ifPresent(name -> initial("Name", new Variant<>(name)));
    initial(
        "Alias", new Variant<>(ad.localName().orElse(spec.address().toString().replace(':', '-'))));
    initial("Adapter", new Variant<>(new DBusPath(adapter)));
    initial("Paired", new Variant<>(false));
    initial("Bonded", new Variant<>(false));
    initial("Trusted", new Variant<>(false));
    initial("Blocked", new Variant<>(false));
    initial("LegacyPairing", new Variant<>(false));
    initial("Connected", new Variant<>(false));
    initial("ServicesResolved", new Variant<>(false));
    initial("UUIDs", new Variant<>(ad.serviceUuids().stream().map(BleUuids::full).toList(), "as"));
    advertisedFields(ad).forEach(this::initial);
  }

  /** What an advertisement sets on the device object (bluetoothd parses the AD structures). */
  static Map<String, Variant<?>> advertisedFields(BleAdvertisement ad) {
    Map<String, Variant<?>> fields = new LinkedHashMap<>();
    Map<UInt16, Variant<?>> manufacturer = new LinkedHashMap<>();
    ad.manufacturerData()
        .forEach((id, data) -> manufacturer.put(new UInt16(id), new Variant<>(data)));
    if (!manufacturer.isEmpty()) {
      fields.put("ManufacturerData", new Variant<>(manufacturer, "a{qv}"));
    }
    Map<String, Variant<?>> service = new LinkedHashMap<>();
    ad.serviceData().forEach((uuid, data) -> service.put(BleUuids.full(uuid), new Variant<>(data)));
    if (!service.isEmpty()) {
      fields.put("ServiceData", new Variant<>(service, "a{sv}"));
    }
    ad.txPower().ifPresent(power -> fields.put("TxPower", new Variant<>((short) power)));
    return fields;
  }

  /** Runs a peripheral's own periodic behaviour on the look-alike's timer. */
  java.util.concurrent.ScheduledFuture<?> every(long millis, Runnable task) {
    return lookalike.every(millis, task);
  }

  PeripheralSpec spec() {
    return spec;
  }

  void add(GattCharacteristic id, LookalikeCharacteristic characteristic) {
    characteristics.put(id, characteristic);
  }

  Optional<LookalikeCharacteristic> characteristic(GattCharacteristic id) {
    return Optional.ofNullable(characteristics.get(id));
  }

  boolean connected() {
    return Boolean.TRUE.equals(value("Connected"));
  }

  /** One advertisement seen while the adapter discovers: RSSI and the advertised data. */
  void advertised() {
    Map<String, Variant<?>> fields = new LinkedHashMap<>();
    fields.put("RSSI", new Variant<>((short) spec.rssi()));
    fields.putAll(
        advertisedFields(
            BleAdvertisement.fromRaw(spec.address(), spec.rssi(), spec.advertising())));
    change(fields);
  }

  /** Checks the link for a GATT operation, after the operation's latency and faults. */
  void gattOperation(String operation) {
    lookalike.faults().delay(operation);
    Optional<LookalikeFaults.Kind> fault = lookalike.faults().take(operation, spec.address());
    if (fault.isPresent() && fault.get() == LookalikeFaults.Kind.TIMEOUT) {
      lookalike.faults().hang();
      throw BluezErrors.failed("Operation timed out");
    }
    if (fault.isPresent() && fault.get() == LookalikeFaults.Kind.DISCONNECT) {
      dropLink();
    }
    if (!connected()) {
      throw BluezErrors.failed("Not connected");
    }
  }

  @Override
  public void Connect() {
    lookalike.faults().delay("connect");
    Optional<LookalikeFaults.Kind> fault = lookalike.faults().take("connect", spec.address());
    if (fault.isPresent() && fault.get() == LookalikeFaults.Kind.TIMEOUT) {
      lookalike.faults().hang();
      throw BluezErrors.failed("le-connection-abort-by-local");
    }
    synchronized (lookalike) {
      if (connected()) {
        throw BluezErrors.error("AlreadyConnected", "Already Connected");
      }
      if (fault.isPresent() && fault.get() == LookalikeFaults.Kind.NO_SLOTS
          || lookalike.slotsInUse() >= lookalike.slots()) {
        throw BluezErrors.failed("le-connection-abort-by-local");
      }
      change("Connected", new Variant<>(true));
    }
    boolean paired = Boolean.TRUE.equals(value("Paired"));
    if (fault.isPresent() && fault.get() == LookalikeFaults.Kind.BONDING_FAILED) {
      dropLink();
      throw BluezErrors.error("AuthenticationFailed", "Authentication Failed");
    }
    if (spec.pairing() != BleBonding.NONE && !paired) {
      try {
        pair();
      } catch (DBusExecutionException e) {
        dropLink();
        throw e;
      }
    }
    change("ServicesResolved", new Variant<>(true));
    characteristics.values().forEach(LookalikeCharacteristic::linkUp);
  }

  @Override
  public void Pair() {
    if (Boolean.TRUE.equals(value("Paired"))) {
      throw BluezErrors.error("AlreadyExists", "Already Exists");
    }
    pair();
  }

  /** Pairs as the peripheral asks, through the agent; never under the look-alike's lock. */
  private void pair() {
    LookalikeAgentManager.Agent registered =
        lookalike
            .agents()
            .agent()
            .orElseThrow(() -> BluezErrors.error("AuthenticationRejected", "no agent"));
    DBusPath self = new DBusPath(getObjectPath());
    try {
      Agent1 agent = lookalike.agentOf(registered);
      if (spec.pairing() == BleBonding.PASSKEY) {
        UInt32 key = agent.RequestPasskey(self);
        if (spec.passkey().isPresent() && key.intValue() != spec.passkey().getAsInt()) {
          throw BluezErrors.error("AuthenticationFailed", "Authentication Failed");
        }
      } else if (spec.pairing() == BleBonding.OOB) {
        throw BluezErrors.error("AuthenticationRejected", "no out-of-band data was provided");
      } else {
        agent.RequestAuthorization(self);
      }
    } catch (DBusExecutionException e) {
      if (BluezErrors.nameOf(e).startsWith("org.bluez.Error.Authentication")) {
        throw e;
      }
      throw BluezErrors.error("AuthenticationRejected", "Authentication Rejected");
    } catch (DBusException e) {
      throw BluezErrors.error("AuthenticationRejected", "Authentication Rejected");
    }
    change(Map.of("Paired", new Variant<>(true), "Bonded", new Variant<>(true)));
  }

  @Override
  public void Disconnect() {
    dropLink();
  }

  /** The link goes down: asked, dropped by the peripheral, or lost with the adapter. */
  void dropLink() {
    synchronized (lookalike) {
      if (!connected()) {
        return;
      }
      characteristics.values().forEach(LookalikeCharacteristic::linkDropped);
      change("ServicesResolved", new Variant<>(false));
      change("Connected", new Variant<>(false));
    }
  }

  @Override
  public void ConnectProfile(String uuid) {
    throw BluezErrors.notSupported("the look-alike offers no profiles");
  }

  @Override
  public void DisconnectProfile(String uuid) {
    throw BluezErrors.notSupported("the look-alike offers no profiles");
  }

  @Override
  public void CancelPairing() {
    throw BluezErrors.error("DoesNotExist", "Does Not Exist");
  }

  List<LookalikeCharacteristic> characteristics() {
    return List.copyOf(characteristics.values());
  }
}
