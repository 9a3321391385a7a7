package org.nipcgateway.core.radio.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * A node a fixture sets up in its driver's network ("given a Zigbee node with …"): its address,
 * profile, whether it waits for permit join, and its attributes with their ZCL types and values.
 */
public final class ZigbeeNode {
  /** One attribute; a manufacturer code makes it manufacturer-specific. */
  public record Attribute(
      int endpoint,
      int cluster,
      int attribute,
      OptionalInt manufacturerCode,
      int type,
      byte[] value,
      boolean writable) {}

  private final Eui64 address;
  private int profile = ZigbeeAttribute.HOME_AUTOMATION;
  private boolean joinsOnPermit;
  private final List<Attribute> attributes = new ArrayList<>();

  private ZigbeeNode(Eui64 address) {
    this.address = address;
  }

  public static ZigbeeNode at(String eui64) {
    return new ZigbeeNode(Eui64.parse(eui64));
  }

  public ZigbeeNode joinsOnPermit() {
    this.joinsOnPermit = true;
    return this;
  }

  public ZigbeeNode attribute(
      int endpoint, int cluster, int attribute, int type, byte[] value, boolean writable) {
    attributes.add(
        new Attribute(
            endpoint, cluster, attribute, OptionalInt.empty(), type, value.clone(), writable));
    return this;
  }

  public ZigbeeNode manufacturerAttribute(
      int endpoint, int cluster, int attribute, int manufacturer, int type, byte[] value) {
    attributes.add(
        new Attribute(
            endpoint, cluster, attribute, OptionalInt.of(manufacturer), type, value.clone(), true));
    return this;
  }

  public Eui64 address() {
    return address;
  }

  public int profile() {
    return profile;
  }

  public boolean waitsForPermitJoin() {
    return joinsOnPermit;
  }

  public List<Attribute> attributes() {
    return List.copyOf(attributes);
  }
}
