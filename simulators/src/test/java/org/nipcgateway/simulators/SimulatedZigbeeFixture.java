package org.nipcgateway.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;
import org.nipcgateway.core.radio.contract.ZigbeeNode;
import org.nipcgateway.core.radio.contract.ZigbeeRadioFixture;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork;

/** The contract's nodes as simulated ones; {@code wrap} may decorate the radio. */
final class SimulatedZigbeeFixture implements ZigbeeRadioFixture {
  private final UnaryOperator<ZigbeeRadio> wrap;
  private SimulatedZigbeeNetwork network;

  SimulatedZigbeeFixture(UnaryOperator<ZigbeeRadio> wrap) {
    this.wrap = wrap;
  }

  @Override
  public Future<ZigbeeRadio> start(Vertx vertx, List<ZigbeeNode> nodes) {
    network = new SimulatedZigbeeNetwork(vertx);
    for (ZigbeeNode node : nodes) {
      network.addNode(node.address(), node.profile(), !node.waitsForPermitJoin());
      for (ZigbeeNode.Attribute a : node.attributes()) {
        network.define(
            node.address(),
            a.endpoint(),
            a.cluster(),
            a.attribute(),
            a.manufacturerCode(),
            a.type(),
            a.value(),
            a.writable());
      }
    }
    return Future.succeededFuture(wrap.apply(network));
  }

  @Override
  public void change(Eui64 node, int endpoint, int cluster, int attribute, byte[] value) {
    network.change(node, endpoint, cluster, attribute, value);
  }

  @Override
  public void writeToGateway(Eui64 node, ZigbeeAttribute attribute, byte[] value) {
    network.writeToGateway(
        node,
        attribute.endpoint(),
        attribute.cluster(),
        attribute.attribute(),
        attribute.type(),
        value);
  }

  @Override
  public ZigbeeReporting reporting(Eui64 node, int endpoint, int cluster, int attribute) {
    return network.reporting(node, endpoint, cluster, attribute);
  }

  @Override
  public void close() {}
}
