package org.nipcgateway.core.nipc.extension.transmit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.extension.request.ExtensionBodies;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.radio.BleTransmission;
import org.nipcgateway.core.radio.ZigbeeTransmission;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The Transmit extension: {@code POST /extensions/{id}/transmit} sends a payload for the device, as
 * a BLE advertisement or a Zigbee broadcast, and answers 200 once the radio has taken it on. A
 * driver that cannot transmit answers 501; bad data is extension-transmit-invalid-data.
 */
public final class TransmitRoutes {
  /** The extension's URI template, as {@code /.well-known/nipc} lists it. */
  public static final String TEMPLATE = "/extensions/{id}/transmit";

  private final Affordances affordances;
  private final RadioCalls radios;

  public TransmitRoutes(Affordances affordances, RadioCalls radios) {
    this.affordances = affordances;
    this.radios = radios;
  }

  public void mount(RouteTable.Routes routes) {
    routes
        .post("/extensions/:id/transmit", AccessRule.controlOf("/devices"))
        .handler(this::transmit);
  }

  private void transmit(RoutingContext ctx) {
    ObjectNode body = ExtensionBodies.object(ctx);
    affordances
        .device(ctx.pathParam("id"))
        .compose(device -> send(device, TransmitRequest.parse(body, device)))
        .onSuccess(v -> ctx.response().setStatusCode(200).end())
        .onFailure(ctx::fail);
  }

  private Future<Void> send(DeviceRecord device, TransmitRequest request) {
    String subject = "Transmit for device " + device.id();
    Future<Void> sent =
        request.ble()
            ? radios.bounded(
                radios
                    .ble()
                    .transmit(
                        device.ble().orElseThrow().address(),
                        new BleTransmission(
                            request.payload(), request.connectable(), request.schedule())))
            : radios.bounded(
                radios
                    .zigbee()
                    .transmit(
                        device.zigbee().orElseThrow(),
                        new ZigbeeTransmission(request.payload(), request.schedule())));
    return sent.recover(e -> RadioProblems.recover(e, request.ble(), subject, null));
  }
}
