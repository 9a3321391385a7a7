package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;

/**
 * Reads and writes device properties: resolves the device, the property's definition and its
 * protocol map, then asks the radio.
 */
public final class PropertyService {
  private final Affordances affordances;
  private final RadioAccess radios;

  public PropertyService(Affordances affordances, RadioAccess radios) {
    this.affordances = affordances;
    this.radios = radios;
  }

  public Future<NipcDevice> device(String id) {
    return affordances.device(id);
  }

  public Future<byte[]> read(NipcDevice device, String property) {
    return affordances
        .definition(device, property, "sdfProperty")
        .compose(
            definition -> {
              if (!definition.path("readable").asBoolean(true)) {
                throw NipcException.of(
                    NipcProblem.PROPERTY_NOT_READABLE, "Property " + property + " is not readable");
              }
              ProtocolTarget target = target(device, property, definition, false);
              return target
                  .read(radios)
                  .recover(
                      e ->
                          RadioProblems.recover(
                              e,
                              target.ble(),
                              "Property " + property,
                              NipcProblem.PROPERTY_READ_FAILED));
            });
  }

  public Future<Void> write(NipcDevice device, String property, byte[] value) {
    return affordances
        .definition(device, property, "sdfProperty")
        .compose(
            definition -> {
              if (!definition.path("writable").asBoolean(true)) {
                throw NipcException.of(
                    NipcProblem.PROPERTY_NOT_WRITABLE, "Property " + property + " is not writable");
              }
              ProtocolTarget target = target(device, property, definition, true);
              return target
                  .write(radios, value)
                  .recover(
                      e ->
                          RadioProblems.recover(
                              e,
                              target.ble(),
                              "Property " + property,
                              NipcProblem.PROPERTY_WRITE_FAILED));
            });
  }

  private static ProtocolTarget target(
      NipcDevice device, String property, JsonNode definition, boolean write) {
    return ProtocolTarget.of(device, property, definition.path("sdfProtocolMap"), write);
  }
}
