package org.nipcgateway.core.nipc.connection;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;

/**
 * Explicit connections (draft-ietf-asdf-nipc, "NIPC explicit connection management APIs"). Over BLE
 * an application opens a connection that operations then reuse, discovers services (or takes them
 * from the cache), and closes it. Zigbee needs no connection: there a connection is node discovery,
 * its answer the service map (endpoints, clusters, attributes), which GET repeats until DELETE
 * forgets it.
 */
public final class ConnectionService {
  private final Affordances affordances;
  private final RadioCalls radios;
  private final BleConnections links;
  private final Map<String, List<ZigbeeEndpointMap>> zigbeeMaps = new ConcurrentHashMap<>();

  /**
   * A connected device and what is known of it: the services of a BLE device, or the endpoints of a
   * Zigbee node.
   */
  public record Connection(
      String deviceId,
      Optional<List<GattService>> services,
      Optional<List<ZigbeeEndpointMap>> endpoints) {
    static Connection ble(String deviceId, Optional<List<GattService>> services) {
      return new Connection(deviceId, services, Optional.empty());
    }

    static Connection zigbee(String deviceId, List<ZigbeeEndpointMap> endpoints) {
      return new Connection(deviceId, Optional.empty(), Optional.of(endpoints));
    }
  }

  public ConnectionService(Affordances affordances, RadioCalls radios, BleConnections links) {
    this.affordances = affordances;
    this.radios = radios;
    this.links = links;
  }

  public Future<Connection> connect(String deviceId, com.fasterxml.jackson.databind.JsonNode body) {
    ConnectionRequest request = ConnectionRequest.parse(body);
    return zigbeeOrBle(deviceId, () -> connectBle(deviceId, request));
  }

  /** A Zigbee-only device is discovered; any other goes to the BLE operation given. */
  private Future<Connection> zigbeeOrBle(String deviceId, Supplier<Future<Connection>> ble) {
    return affordances
        .device(deviceId)
        .compose(
            device ->
                device.zigbee().isPresent() && device.ble().isEmpty()
                    ? discoverZigbee(deviceId, device.zigbee().get())
                    : ble.get());
  }

  private Future<Connection> connectBle(String deviceId, ConnectionRequest request) {
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
                            .map(services -> Connection.ble(deviceId, Optional.of(services)))
                            .onFailure(e -> links.unclaim(mac));
                      });
            });
  }

  /** Rediscovers the services of an open connection, or the endpoints of a Zigbee node. */
  public Future<Connection> update(String deviceId, com.fasterxml.jackson.databind.JsonNode body) {
    ConnectionRequest request = ConnectionRequest.parse(body);
    return zigbeeOrBle(deviceId, () -> updateBle(deviceId, request));
  }

  private Future<Connection> updateBle(String deviceId, ConnectionRequest request) {
    return connected(deviceId)
        .compose(
            mac ->
                services(mac, request)
                    .map(services -> Connection.ble(deviceId, Optional.of(services))));
  }

  public Future<Connection> status(String deviceId) {
    return affordances
        .device(deviceId)
        .compose(
            device ->
                device.zigbee().isPresent() && device.ble().isEmpty()
                    ? Future.succeededFuture(Connection.zigbee(deviceId, lastMap(deviceId)))
                    : connected(deviceId)
                        .map(mac -> Connection.ble(deviceId, links.cachedServices(mac))));
  }

  public Future<Void> disconnect(String deviceId) {
    return affordances
        .device(deviceId)
        .compose(
            device -> {
              if (device.zigbee().isPresent() && device.ble().isEmpty()) {
                lastMap(deviceId);
                zigbeeMaps.remove(deviceId);
                return Future.succeededFuture();
              }
              return connected(deviceId)
                  .map(
                      mac -> {
                        links.unclaim(mac);
                        return null;
                      });
            });
  }

  private Future<Connection> discoverZigbee(String deviceId, Eui64 node) {
    return radios
        .bounded(radios.zigbee().discover(node))
        .recover(e -> RadioProblems.recover(e, false, "Discovery of " + deviceId, null))
        // The device may have been deleted while its node was discovered: then no map is kept.
        .compose(
            endpoints ->
                affordances
                    .device(deviceId)
                    .map(
                        still -> {
                          zigbeeMaps.put(deviceId, endpoints);
                          return Connection.zigbee(deviceId, endpoints);
                        }));
  }

  /**
   * Forgets the Zigbee maps of devices deleted in SCIM: a device created again later (a new id) is
   * not connected until its node is discovered again, and the maps do not outlive their devices.
   */
  public void forget(Set<String> deletedIds) {
    zigbeeMaps.keySet().removeAll(deletedIds);
  }

  /** The map the last discovery of a Zigbee node answered; without one there is no connection. */
  private List<ZigbeeEndpointMap> lastMap(String deviceId) {
    List<ZigbeeEndpointMap> map = zigbeeMaps.get(deviceId);
    if (map == null) {
      throw NipcException.generic(404, "Device " + deviceId + " has not been discovered");
    }
    return map;
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
                        + " has no BLE address or EUI-64; only BLE and Zigbee devices take connections");
              }
              return device;
            });
  }
}
