package org.nipcgateway.core.nipc.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;
import org.nipcgateway.core.device.BleIdentity;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.operation.ProtocolMaps;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * Where an event comes from on a particular device, from its {@code sdfProtocolMap}
 * (draft-ietf-asdf-sdf-protocol-mapping): BLE GATT notifications, advertisements or connection
 * events, or Zigbee attribute reports. Knows how to turn the radio side on and off and which radio
 * signals belong to it.
 */
sealed interface EventSource {

  /** Turns the radio side on; the returned handle turns it off again. */
  Future<Started> start(RadioCalls radios, BleConnections links, Scanning scanning);

  /**
   * What a started event holds on the radio side: {@link #stop} turns it off; {@link #forget} lets
   * go of what the gateway holds for it without asking the radio, when the radio lost it anyway (it
   * went down).
   */
  record Started(Runnable onStop, Runnable onForget) {
    static final Started NOTHING = new Started(() -> {}, () -> {});

    void stop() {
      onStop.run();
    }

    void forget() {
      onForget.run();
    }
  }

  boolean matches(RadioSignal signal);

  boolean ble();

  /** Whether its radio side lives on an open link to that peripheral (GATT notifications). */
  default boolean onLinkTo(BleAddress mac) {
    return false;
  }

  /**
   * The peripheral whose GATT notifications it takes, or null when it takes none: notifications are
   * routed by it without asking every other source.
   */
  default BleAddress notifyingPeripheral() {
    return null;
  }

  record Gatt(DeviceRecord device, GattCharacteristic characteristic) implements EventSource {
    @Override
    public Future<Started> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      BleIdentity ble = device.ble().orElseThrow();
      BleAddress mac = ble.address();
      String subject = "Event on " + characteristic;
      // Notifications flow only over an open link, so the event holds one while it is on.
      return links
          .hold(ble.connectRequest(), 1)
          .compose(
              lease ->
                  radios
                      .bounded(radios.ble().notifications(mac, characteristic, true))
                      .map(answer -> RadioProblems.value(answer, true, subject, null))
                      .map(
                          v ->
                              new Started(
                                  () ->
                                      radios
                                          .ble()
                                          .notifications(mac, characteristic, false)
                                          .onComplete(done -> lease.release()),
                                  lease::release))
                      .onFailure(e -> lease.release()));
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.BleNotification n
          && n.mac().equals(device.ble().orElseThrow().address())
          && n.characteristic().equals(characteristic);
    }

    @Override
    public boolean onLinkTo(BleAddress mac) {
      return device.ble().orElseThrow().address().equals(mac);
    }

    @Override
    public BleAddress notifyingPeripheral() {
      return device.ble().orElseThrow().address();
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  record Advertisements(DeviceRecord device) implements EventSource {
    @Override
    public Future<Started> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      return scanning.hold().map(held -> new Started(held::release, held::forget));
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.BleAdvertisement a
          && device.ble().orElseThrow().sentFrom(a.mac());
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  record ConnectionEvents(DeviceRecord device) implements EventSource {
    @Override
    public Future<Started> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      return Future.succeededFuture(Started.NOTHING);
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.BleConnection c
          && c.mac().equals(device.ble().orElseThrow().address());
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  /**
   * Zigbee attribute reports, configured with the map's intervals; a {@code write_event} (the node
   * writing the attribute to the gateway) needs no reporting configured.
   */
  record ZigbeeReports(
      DeviceRecord device, ZigbeeAttribute attribute, Optional<ZigbeeReporting> reporting)
      implements EventSource {
    @Override
    public Future<Started> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      if (reporting.isEmpty()) {
        return Future.succeededFuture(Started.NOTHING);
      }
      Eui64 eui64 = device.zigbee().orElseThrow();
      String subject = "Reporting of " + attribute;
      return radios
          .bounded(radios.zigbee().configureReporting(eui64, attribute, reporting.get()))
          .map(answer -> RadioProblems.value(answer, false, subject, null))
          .map(
              v ->
                  new Started(
                      () ->
                          radios.zigbee().configureReporting(eui64, attribute, ZigbeeReporting.OFF),
                      () -> {}));
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.ZigbeeReport r
          && r.eui64().equals(device.zigbee().orElseThrow())
          && r.attribute().sameAttribute(attribute)
          && r.written() == reporting.isEmpty();
    }

    @Override
    public boolean ble() {
      return false;
    }
  }

  static EventSource of(DeviceRecord device, String event, JsonNode protocolMap) {
    JsonNode ble = ProtocolMaps.bleMap(device, protocolMap);
    if (ble != null) {
      String type = ble.path("type").asText("gatt").toLowerCase(Locale.ROOT);
      return switch (type) {
        case "gatt" -> new Gatt(device, ProtocolMaps.characteristic(ble, event));
        case "advertisements" -> new Advertisements(device);
        case "connection_events" -> new ConnectionEvents(device);
        default -> throw NipcException.badRequest(event + " has an unknown BLE event type " + type);
      };
    }
    JsonNode zigbee = ProtocolMaps.zigbeeMap(device, protocolMap);
    if (zigbee != null) {
      String type = zigbee.path("type").asText("attribute_reporting");
      if (!type.equals("attribute_reporting") && !type.equals("write_event")) {
        throw NipcException.badRequest(event + " has an unknown Zigbee event type " + type);
      }
      return new ZigbeeReports(
          device,
          ProtocolMaps.attribute(zigbee, event),
          type.equals("attribute_reporting")
              ? Optional.of(ProtocolMaps.reporting(zigbee, event))
              : Optional.empty());
    }
    throw ProtocolMaps.unmapped(device, event);
  }
}
