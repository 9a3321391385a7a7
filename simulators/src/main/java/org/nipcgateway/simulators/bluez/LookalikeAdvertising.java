package org.nipcgateway.simulators.bluez;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/**
 * The adapter's advertising sets, as bluetoothd's advertising manager keeps them: at most {@code
 * supported} registered at once (the controller's instances), one per client object, with {@code
 * ActiveInstances} and {@code SupportedInstances} on the adapter's {@code LEAdvertisingManager1}.
 * Every registration is also logged (the last {@value #KEPT}) for tests that ask what was sent.
 */
final class LookalikeAdvertising {
  static final String MANAGER = "org.bluez.LEAdvertisingManager1";
  private static final int KEPT = 100;

  private final int supported;
  private final Map<String, LookalikeAdvertisement> active = new LinkedHashMap<>();
  private final Deque<LookalikeAdvertisement> log = new ArrayDeque<>();

  LookalikeAdvertising(int supported) {
    this.supported = supported;
  }

  /** The manager's properties as they are before any registration. */
  void describe(BluezObject adapter) {
    adapter.initial(MANAGER, "ActiveInstances", new Variant<>((byte) 0));
    adapter.initial(MANAGER, "SupportedInstances", new Variant<>((byte) supported));
    adapter.initial(
        MANAGER, "SupportedIncludes", new Variant<>(List.of("tx-power", "appearance"), "as"));
    adapter.initial(MANAGER, "SupportedSecondaryChannels", new Variant<>(List.of("1M"), "as"));
  }

  /** Takes an instance for the advertisement; refuses a second registration or a full adapter. */
  synchronized void register(LookalikeAdvertisement advertisement) {
    String key = key(advertisement.owner(), advertisement.path());
    if (active.containsKey(key)) {
      throw BluezErrors.error("AlreadyExists", "Advertisement already registered");
    }
    if (active.size() >= supported) {
      throw BluezErrors.notPermitted("Maximum advertisements reached");
    }
    int length = advertisement.payload().length;
    if (length > 31) {
      throw new org.bluez.Error.InvalidLength("Advertising data too long: " + length + " bytes");
    }
    active.put(key, advertisement);
    log.addLast(advertisement);
    if (log.size() > KEPT) {
      log.removeFirst();
    }
  }

  /** Gives the instance back; {@code DoesNotExist} for an advertisement not registered. */
  synchronized void unregister(String owner, String path) {
    if (active.remove(key(owner, path)) == null) {
      throw BluezErrors.error("DoesNotExist", "Advertisement not registered");
    }
  }

  /** Forgets every advertisement, as bluetoothd does when the adapter leaves or it stops. */
  synchronized List<LookalikeAdvertisement> clear() {
    List<LookalikeAdvertisement> gone = List.copyOf(active.values());
    active.clear();
    return gone;
  }

  synchronized int activeCount() {
    return active.size();
  }

  synchronized List<LookalikeAdvertisement> active() {
    return List.copyOf(active.values());
  }

  synchronized List<LookalikeAdvertisement> registered() {
    return List.copyOf(log);
  }

  private static String key(String owner, String path) {
    return owner + path;
  }
}
