package org.nipcgateway.radio.ble;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.DBusPath;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.ResolvablePrivateAddress;

/**
 * Which {@code Device1} object on the driver's adapter is which peripheral. Mostly by its {@code
 * Address}; a peripheral that hides behind resolvable private addresses appears in bluetoothd under
 * its current random address (until bonding teaches BlueZ its identity), so a connect that carries
 * the device's IRK finds the object whose address the IRK resolves, and from then on the driver
 * knows that object by the device's identity address, in its signals too.
 */
final class BluezDevices {
  private final BluezTree tree;
  private final Map<BleAddress, String> resolved = new ConcurrentHashMap<>();
  private final Map<String, BleAddress> identities = new ConcurrentHashMap<>();
  private volatile String adapterPath;

  BluezDevices(BluezTree tree) {
    this.tree = tree;
  }

  void adapter(String path) {
    adapterPath = path;
  }

  /** The peripheral's object: its own address, or the private address it was resolved to. */
  Optional<String> path(BleAddress address) {
    Optional<String> own =
        tree.find(BluezTree.DEVICE, p -> address(p).filter(address::equals).isPresent()).stream()
            .filter(this::onAdapter)
            .findFirst();
    if (own.isPresent()) {
      return own;
    }
    return Optional.ofNullable(resolved.get(address))
        .filter(path -> tree.has(path, BluezTree.DEVICE));
  }

  /** As {@link #path}, resolving the request's IRK against the random addresses BlueZ lists. */
  Optional<String> path(BleConnectRequest request) {
    Optional<String> known = path(request.address());
    Optional<byte[]> irk = request.credentials().identityResolvingKey();
    if (known.isPresent() || irk.isEmpty()) {
      return known;
    }
    List<String> found =
        tree.find(
            BluezTree.DEVICE,
            p ->
                "random".equals(p.get("AddressType"))
                    && address(p)
                        .filter(a -> ResolvablePrivateAddress.resolves(irk.get(), a))
                        .isPresent());
    Optional<String> match = found.stream().filter(this::onAdapter).findFirst();
    match.ifPresent(
        path -> {
          resolved.put(request.address(), path);
          identities.put(path, request.address());
        });
    return match;
  }

  /** The peripheral an object is: the identity it was resolved to, else its own address. */
  Optional<BleAddress> addressOf(String device) {
    BleAddress identity = identities.get(device);
    if (identity != null) {
      return Optional.of(identity);
    }
    return tree.properties(device, BluezTree.DEVICE).flatMap(BluezDevices::address);
  }

  boolean onAdapter(String device) {
    return tree.properties(device, BluezTree.DEVICE)
        .map(p -> p.get("Adapter") instanceof DBusPath a && a.getPath().equals(adapterPath))
        .orElse(false);
  }

  /** The object left the bus (a private address BlueZ expired): forget what it resolved to. */
  void removed(String device) {
    BleAddress identity = identities.remove(device);
    if (identity != null) {
      resolved.remove(identity, device);
    }
  }

  private static Optional<BleAddress> address(Map<String, Object> properties) {
    if (!(properties.get("Address") instanceof String text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(BleAddress.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
