package org.nipcgateway.core.events;

import java.time.Instant;
import java.util.OptionalInt;
import org.nipcgateway.core.radio.BleAddress;

/**
 * An advertisement of a BLE device that no SCIM device stands for, for the one data app an operator
 * let receive it (draft-ietf-asdf-nipc, "Non-Onboarded BLE Device Advertisement"): it carries no
 * {@code deviceID}, and the RSSI only when the operator allowed it.
 *
 * @param dataAppId the data app it is for
 * @param rssi present only when the operator's grant includes it
 * @param data the advertising payload as received
 */
public record UnonboardedAdvertisement(
    String dataAppId, Instant timestamp, BleAddress mac, OptionalInt rssi, byte[] data) {

  /**
   * Where it is published under the data app's topics, {@code data-app/<id>/} + this. No SDF
   * event's path can take this form: theirs have {@code sdfThing} or {@code sdfObject} second.
   */
  public static final String TOPIC_PATH = "unonboarded/bleAdvertisement";

  public UnonboardedAdvertisement {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
