package org.nipcgateway.core.nipc.connection;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.device.BleIdentity;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.GattService;

/**
 * Explicit BLE connections (draft-ietf-asdf-nipc, "NIPC explicit connection management APIs"): an
 * application opens a connection that operations then reuse, discovers services (or takes them from
 * the cache), and closes it.
 */
public final class ConnectionService {
  private final Affordances affordances;
  private final RadioCalls radios;
  private final BleConnections links;

  /** A connected device and the services known for it. */
  public record Connection(String deviceId, Optional<List<GattService>> services) {}

  public ConnectionService(Affordances affordances, RadioCalls radios, BleConnections links) {
    this.affordances = affordances;
    this.radios = radios;
    this.links = links;
  }

  public Future<Connection> connect(String deviceId, com.fasterxml.jackson.databind.JsonNode body) {
    ConnectionRequest request = ConnectionRequest.parse(body);
    return bleDevice(deviceId)
        .compose(
            device -> {
              BleIdentity ble = device.ble().orElseThrow();
              BleAddress mac = ble.address();
              if (links.isExplicit(mac)) {
                throw NipcException.of(
                    NipcProblem.PROTOCOLMAP_BLE_ALREADY_CONNECTED,
                    "Device " + deviceId + " is connected");
              }
              return links
                  .hold(
                      request
                          .bonding()
                          .map(b -> ble.connectRequest(Set.of(b)))
                          .orElse(ble.connectRequest()),
                      request.retries())
                  .recover(e -> RadioProblems.recover(e, true, "Connection to " + deviceId, null))
                  .compose(
                      lease -> {
                        if (!links.claim(lease)) {
                          lease.release();
                          throw NipcException.of(
                              NipcProblem.PROTOCOLMAP_BLE_ALREADY_CONNECTED,
                              "Device " + deviceId + " is connected");
                        }
                        return services(mac, request)
                            .map(services -> new Connection(deviceId, Optional.of(services)))
                            .onFailure(e -> links.unclaim(mac));
                      });
            });
  }

  /** Rediscovers the services of an open connection. */
  public Future<Connection> update(String deviceId, com.fasterxml.jackson.databind.JsonNode body) {
    ConnectionRequest request = ConnectionRequest.parse(body);
    return connected(deviceId)
        .compose(
            mac ->
                services(mac, request)
                    .map(services -> new Connection(deviceId, Optional.of(services))));
  }

  public Future<Connection> status(String deviceId) {
    return connected(deviceId).map(mac -> new Connection(deviceId, links.cachedServices(mac)));
  }

  public Future<Void> disconnect(String deviceId) {
    return connected(deviceId)
        .map(
            mac -> {
              links.unclaim(mac);
              return null;
            });
  }

  private Future<List<GattService>> services(BleAddress mac, ConnectionRequest request) {
    if (request.cached()) {
      Optional<List<GattService>> cached = links.cachedServices(mac);
      if (cached.isPresent() && covers(cached.get(), request.services())) {
        return Future.succeededFuture(cached.get());
      }
    }
    return radios
        .bounded(radios.ble().discover(mac, request.services()))
        .recover(e -> RadioProblems.recover(e, true, "Service discovery on " + mac, null))
        .onSuccess(services -> links.cacheServices(mac, services, request.cacheExpiry()));
  }

  private static boolean covers(List<GattService> cached, Set<String> wanted) {
    return wanted.stream()
        .allMatch(w -> cached.stream().anyMatch(s -> s.serviceId().equals(BleUuids.canonical(w))));
  }

  private Future<BleAddress> connected(String deviceId) {
    return bleDevice(deviceId)
        .map(
            device -> {
              BleAddress mac = device.ble().orElseThrow().address();
              if (!links.isExplicit(mac)) {
                throw NipcException.of(
                    NipcProblem.PROTOCOLMAP_BLE_NO_CONNECTION,
                    "Device " + deviceId + " is not connected");
              }
              return mac;
            });
  }

  private Future<DeviceRecord> bleDevice(String deviceId) {
    return affordances
        .device(deviceId)
        .map(
            device -> {
              if (device.ble().isEmpty()) {
                throw NipcException.badRequest(
                    "Device "
                        + deviceId
                        + " has no BLE address; only BLE devices take connections");
              }
              return device;
            });
  }
}
