package org.nipcgateway.it.support.radio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.simulators.bluez.BluezLookalike;
import org.nipcgateway.simulators.bluez.LookalikeAdvertisement;

/** BLE peripherals moved through the BlueZ look-alike; Zigbee nodes through the simulator. */
public final class BluezDeviceSide implements DeviceSide {
  private static final long SETTLED_MS = 150;
  private final BluezLookalike lookalike;
  private final DeviceSide zigbee;

  BluezDeviceSide(BluezLookalike lookalike, DeviceSide zigbee) {
    this.lookalike = lookalike;
    this.zigbee = zigbee;
  }

  /** The look-alike itself, for tests of what only BlueZ does (an adapter leaving the bus). */
  public BluezLookalike lookalike() {
    return lookalike;
  }

  @Override
  public void bleValueChanges(String mac, String service, String characteristic, String value) {
    lookalike.change(
        BleAddress.parse(mac),
        new GattCharacteristic(service, characteristic),
        Base64.getDecoder().decode(value));
  }

  @Override
  public void blePeripheralDropsLink(String mac) {
    lookalike.dropLink(BleAddress.parse(mac));
  }

  @Override
  public void zigbeeValueChanges(
      String eui64, int endpoint, int cluster, int attribute, String value) {
    zigbee.zigbeeValueChanges(eui64, endpoint, cluster, attribute, value);
  }

  @Override
  public void zigbeeNodeWrites(
      String eui64, int endpoint, int cluster, int attribute, int type, String value) {
    zigbee.zigbeeNodeWrites(eui64, endpoint, cluster, attribute, type, value);
  }

  /**
   * The adapter's connections once the link operations in flight have settled: the gateway closes
   * an implicit connection without waiting (as it may with real BlueZ), so the count is read when
   * it has held still for {@value #SETTLED_MS} ms (at most 3 s), not at the first look.
   */
  @Override
  public int bleSlotsInUse() {
    if (lookalike == null) {
      return 0;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    int seen = lookalike.slotsInUse();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline
        && System.nanoTime() - stableSince < TimeUnit.MILLISECONDS.toNanos(SETTLED_MS)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      int now = lookalike.slotsInUse();
      if (now != seen) {
        seen = now;
        stableSince = System.nanoTime();
      }
    }
    return seen;
  }

  @Override
  public void zigbeeNodesForgetReporting() {
    zigbee.zigbeeNodesForgetReporting();
  }

  @Override
  public List<ConfiguredReporting> zigbeeReporting() {
    return zigbee.zigbeeReporting();
  }

  /**
   * For BLE, the advertisements registered with the look-alike's {@code LEAdvertisingManager1}: the
   * AD structures bluetoothd builds from them, whether connectable, and the interval asked. BlueZ's
   * API carries neither the device it is for nor the cycle, so those are absent.
   */
  @Override
  public java.util.Optional<List<JsonNode>> transmissions(String family) {
    if (!family.equals("ble")) {
      return zigbee.transmissions(family);
    }
    if (lookalike == null) {
      return java.util.Optional.empty();
    }
    List<JsonNode> sent = new ArrayList<>();
    for (LookalikeAdvertisement advertisement : lookalike.advertised()) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("payload", Base64.getEncoder().encodeToString(advertisement.payload()));
      node.put("connectable", advertisement.type().equals("peripheral"));
      advertisement.minIntervalMillis().ifPresent(ms -> node.put("transmitInterval", ms));
      sent.add(node);
    }
    return java.util.Optional.of(sent);
  }
}
