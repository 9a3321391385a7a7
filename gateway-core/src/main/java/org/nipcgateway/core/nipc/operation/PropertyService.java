package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Optional;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * Reads and writes device properties: resolves the device (SCIM), the property's definition (a
 * registered SDF model the device refers to) and its BLE protocol map, then asks the radio.
 */
public final class PropertyService {
  private final ResourceStore store;
  private final SdfModelRegistry models;
  private final Optional<BleRadio> ble;

  public PropertyService(ResourceStore store, SdfModelRegistry models, Optional<BleRadio> ble) {
    this.store = store;
    this.models = models;
    this.ble = ble;
  }

  /** The device an operation addresses; fails with invalid-id. */
  public Future<NipcDevice> device(String id) {
    return store.find(id).map(resource -> NipcDevice.of(id, resource));
  }

  public Future<byte[]> read(NipcDevice device, String property) {
    return target(device, property)
        .compose(
            mapped -> {
              if (!mapped.definition().path("readable").asBoolean(true)) {
                throw NipcException.of(
                    "property-not-readable", "Property " + property + " is not readable");
              }
              return radio()
                  .read(mapped.mac(), mapped.characteristic())
                  .recover(e -> failed(e, property, "read"));
            });
  }

  public Future<Void> write(NipcDevice device, String property, byte[] value) {
    return target(device, property)
        .compose(
            mapped -> {
              if (!mapped.definition().path("writable").asBoolean(true)) {
                throw NipcException.of(
                    "property-not-writable", "Property " + property + " is not writable");
              }
              return radio()
                  .write(mapped.mac(), mapped.characteristic(), value)
                  .recover(e -> failed(e, property, "write"));
            });
  }

  private record Mapped(JsonNode definition, String mac, GattCharacteristic characteristic) {}

  private Future<Mapped> target(NipcDevice device, String property) {
    if (!property.contains("/sdfProperty/") || !device.implementsAffordance(property)) {
      return Future.failedFuture(NipcException.invalidSdfUrl(property));
    }
    return models
        .definition(property)
        .map(
            definition -> {
              JsonNode map = definition.path("sdfProtocolMap").path("ble");
              String mac =
                  device
                      .bleMac()
                      .orElseThrow(
                          () ->
                              NipcException.generic(
                                  501,
                                  "only BLE devices can be operated so far; "
                                      + device.id()
                                      + " has no BLE address"));
              if (!map.path("serviceID").isTextual() || !map.path("characteristicID").isTextual()) {
                throw NipcException.generic(
                    501,
                    "property "
                        + property
                        + " has no BLE serviceID/characteristicID map this gateway can use yet");
              }
              return new Mapped(
                  definition,
                  mac,
                  new GattCharacteristic(
                      map.path("serviceID").asText(), map.path("characteristicID").asText()));
            });
  }

  private BleRadio radio() {
    return ble.orElseThrow(
        () -> NipcException.generic(503, "no BLE radio is configured on this gateway"));
  }

  /** Maps what the radio reports to the draft's problem types. */
  private static <T> Future<T> failed(Throwable failure, String property, String operation) {
    if (!(failure instanceof RadioException radio)) {
      return Future.failedFuture(failure);
    }
    String type =
        switch (radio.reason()) {
          case TIMEOUT -> "protocolmap-ble-connection-timeout";
          case CONNECTION_FAILED, UNKNOWN_DEVICE -> "protocolmap-ble-connection-failed";
          case BONDING_FAILED -> "protocolmap-ble-bonding-failed";
          case UNKNOWN_CHARACTERISTIC -> "protocolmap-ble-invalid-service-or-characteristic";
          case NOT_PERMITTED ->
              operation.equals("read") ? "property-read-failed" : "property-write-failed";
        };
    return Future.failedFuture(
        NipcException.of(type, "Property " + property + ": " + radio.getMessage()));
  }
}
