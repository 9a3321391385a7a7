package org.nipcgateway.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;
import org.nipcgateway.core.radio.contract.ZigbeeNode;
import org.nipcgateway.core.radio.contract.ZigbeeRadioFixture;
import org.nipcgateway.radio.zigbee.NetworkSettings;
import org.nipcgateway.radio.zigbee.ZsmartsystemsZigbeeRadio;
import org.nipcgateway.simulators.zigbee.SimulatedCoordinator;

/**
 * The contract's nodes on the simulated coordinator, with the zsmartsystems driver's radio over it:
 * the stack's network manager, discovery, ZCL classes and transactions all run.
 */
final class CoordinatorZigbeeFixture implements ZigbeeRadioFixture {
  private final SimulatedCoordinator coordinator = new SimulatedCoordinator();
  private final Path state;
  private ZsmartsystemsZigbeeRadio radio;

  CoordinatorZigbeeFixture() {
    this(temporaryDirectory());
  }

  /** A coordinator whose driver keeps its network in that directory (a restart reuses it). */
  CoordinatorZigbeeFixture(Path state) {
    this.state = state;
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("zigbee-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SimulatedCoordinator coordinator() {
    return coordinator;
  }

  Path state() {
    return state;
  }

  @Override
  public Future<ZigbeeRadio> start(Vertx vertx, List<ZigbeeNode> nodes) {
    for (ZigbeeNode node : nodes) {
      coordinator.addNode(node.address(), node.profile(), !node.waitsForPermitJoin());
      for (ZigbeeNode.Attribute a : node.attributes()) {
        coordinator.define(
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
    return ZsmartsystemsZigbeeRadio.start(
            vertx,
            coordinator,
            NetworkSettings.defaults().withAnswerTimeout(Duration.ofSeconds(2)),
            state,
            s -> "sealed:" + s,
            s -> s.substring("sealed:".length()))
        .compose(
            started -> {
              radio = started;
              return started.discovered(coordinator.joined(), Duration.ofSeconds(25)).map(started);
            });
  }

  @Override
  public void change(Eui64 node, int endpoint, int cluster, int attribute, byte[] value) {
    coordinator.change(node, endpoint, cluster, attribute, value);
  }

  @Override
  public void writeToGateway(Eui64 node, ZigbeeAttribute attribute, byte[] value) {
    coordinator.writeToGateway(
        node,
        attribute.endpoint(),
        attribute.cluster(),
        attribute.attribute(),
        attribute.type(),
        value);
  }

  @Override
  public ZigbeeReporting reporting(Eui64 node, int endpoint, int cluster, int attribute) {
    return coordinator.reporting(node, endpoint, cluster, attribute);
  }

  @Override
  public void close() {
    if (radio != null) {
      radio.shutdown();
      radio = null;
    }
  }
}
