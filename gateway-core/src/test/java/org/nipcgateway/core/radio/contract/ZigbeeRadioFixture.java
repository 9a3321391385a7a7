package org.nipcgateway.core.radio.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * The network a Zigbee driver runs against, one implementation per driver: the in-process
 * simulator, the zsmartsystems stack on a simulated coordinator. It sets up nodes, starts the
 * driver's radio over them, and makes a node act on its own.
 */
public interface ZigbeeRadioFixture extends AutoCloseable {

  /** Starts the driver with these nodes; called on the gateway's event loop. */
  Future<ZigbeeRadio> start(Vertx vertx, List<ZigbeeNode> nodes);

  /** The node changes an attribute itself (a sensor reading), reporting when configured to. */
  void change(Eui64 node, int endpoint, int cluster, int attribute, byte[] value);

  /** The node writes an attribute to the gateway (ZCL Write Attributes to the coordinator). */
  void writeToGateway(Eui64 node, ZigbeeAttribute attribute, byte[] value);

  /** The reporting the node was configured with for an attribute. */
  ZigbeeReporting reporting(Eui64 node, int endpoint, int cluster, int attribute);

  @Override
  void close();
}
