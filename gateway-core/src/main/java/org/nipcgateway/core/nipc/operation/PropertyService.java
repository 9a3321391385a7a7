package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.Radios;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * Reads and writes device properties: resolves the device (SCIM), the property's definition (a
 * registered SDF model the device refers to) and its protocol map, then asks the radio.
 */
public final class PropertyService {
  private final ResourceStore store;
  private final SdfModelRegistry models;
  private final Radios radios;

  public PropertyService(ResourceStore store, SdfModelRegistry models, Radios radios) {
    this.store = store;
    this.models = models;
    this.radios = radios;
  }

  /** The device an operation addresses; fails with invalid-id. */
  public Future<NipcDevice> device(String id) {
    return store.find(id).map(resource -> NipcDevice.of(id, resource));
  }

  public Future<byte[]> read(NipcDevice device, String property) {
    return definition(device, property)
        .compose(
            definition -> {
              if (!definition.path("readable").asBoolean(true)) {
                throw NipcException.of(
                    "property-not-readable", "Property " + property + " is not readable");
              }
              ProtocolTarget target =
                  ProtocolTarget.of(device, property, definition.path("sdfProtocolMap"), false);
              return target.read(radios).recover(e -> failed(e, target, property, false));
            });
  }

  public Future<Void> write(NipcDevice device, String property, byte[] value) {
    return definition(device, property)
        .compose(
            definition -> {
              if (!definition.path("writable").asBoolean(true)) {
                throw NipcException.of(
                    "property-not-writable", "Property " + property + " is not writable");
              }
              ProtocolTarget target =
                  ProtocolTarget.of(device, property, definition.path("sdfProtocolMap"), true);
              return target.write(radios, value).recover(e -> failed(e, target, property, true));
            });
  }

  private Future<JsonNode> definition(NipcDevice device, String property) {
    if (!property.contains("/sdfProperty/") || !device.implementsAffordance(property)) {
      return Future.failedFuture(NipcException.invalidSdfUrl(property));
    }
    return models.definition(property);
  }

  /** Maps what the radio reports to the draft's problem types for the protocol in use. */
  private static <T> Future<T> failed(
      Throwable failure, ProtocolTarget target, String property, boolean write) {
    if (!(failure instanceof RadioException radio)) {
      return Future.failedFuture(failure);
    }
    String type = target.problemType(radio.reason(), write);
    return Future.failedFuture(
        NipcException.of(type, "Property " + property + ": " + radio.getMessage()));
  }
}
