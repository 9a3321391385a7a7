package org.nipcgateway.core.nipc.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Locale;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.nipc.connection.BleConnections;
import org.nipcgateway.core.nipc.operation.NipcDevice;
import org.nipcgateway.core.nipc.operation.ProtocolMaps;
import org.nipcgateway.core.nipc.operation.RadioCalls;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * Where an event comes from on a particular device, from its {@code sdfProtocolMap}
 * (draft-ietf-asdf-sdf-protocol-mapping): BLE GATT notifications, advertisements or connection
 * events, or Zigbee attribute reports. Knows how to turn the radio side on and off and which radio
 * signals belong to it.
 */
sealed interface EventSource {

  /** Turns the radio side on; the returned handle turns it off again. */
  Future<Runnable> start(RadioCalls radios, BleConnections links, Scanning scanning);

  boolean matches(RadioSignal signal);

  boolean ble();

  record Gatt(NipcDevice device, GattCharacteristic characteristic) implements EventSource {
    @Override
    public Future<Runnable> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      String mac = device.bleMac().orElseThrow();
      // Notifications flow only over an open link, so the event holds one while it is on.
      return links
          .hold(mac, device.blePairing(), 1)
          .compose(
              lease ->
                  radios
                      .bounded(radios.ble().notifications(mac, characteristic, true))
                      .<Runnable>map(
                          v ->
                              () ->
                                  radios
                                      .ble()
                                      .notifications(mac, characteristic, false)
                                      .onComplete(done -> lease.release()))
                      .onFailure(e -> lease.release()));
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.BleNotification n
          && n.mac().equalsIgnoreCase(device.bleMac().orElseThrow())
          && n.characteristic().equals(characteristic);
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  record Advertisements(NipcDevice device) implements EventSource {
    @Override
    public Future<Runnable> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      return scanning.hold();
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.BleAdvertisement a
          && a.mac().equalsIgnoreCase(device.bleMac().orElseThrow());
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  record ConnectionEvents(NipcDevice device) implements EventSource {
    @Override
    public Future<Runnable> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      return Future.succeededFuture(() -> {});
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.BleConnection c
          && c.mac().equalsIgnoreCase(device.bleMac().orElseThrow());
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  /** Zigbee attribute reports; a {@code write_event} needs no reporting configured. */
  record ZigbeeReports(NipcDevice device, ZigbeeAttribute attribute, boolean configure)
      implements EventSource {
    @Override
    public Future<Runnable> start(RadioCalls radios, BleConnections links, Scanning scanning) {
      if (!configure) {
        return Future.succeededFuture(() -> {});
      }
      String eui64 = device.zigbeeEui64().orElseThrow();
      return radios
          .bounded(radios.zigbee().reporting(eui64, attribute, true))
          .map(v -> () -> radios.zigbee().reporting(eui64, attribute, false));
    }

    @Override
    public boolean matches(RadioSignal signal) {
      return signal instanceof RadioSignal.ZigbeeReport r
          && r.eui64().equalsIgnoreCase(device.zigbeeEui64().orElseThrow())
          && r.attribute().endpoint() == attribute.endpoint()
          && r.attribute().cluster() == attribute.cluster()
          && r.attribute().attribute() == attribute.attribute();
    }

    @Override
    public boolean ble() {
      return false;
    }
  }

  static EventSource of(NipcDevice device, String event, JsonNode protocolMap) {
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
          device, ProtocolMaps.attribute(zigbee, event), type.equals("attribute_reporting"));
    }
    throw ProtocolMaps.unmapped(device, event);
  }
}
