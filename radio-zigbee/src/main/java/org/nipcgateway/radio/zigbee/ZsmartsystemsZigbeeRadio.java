package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.CommandResult;
import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeCommand;
import com.zsmartsystems.zigbee.ZigBeeEndpoint;
import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import com.zsmartsystems.zigbee.zcl.ZclCommand;
import com.zsmartsystems.zigbee.zcl.ZclTransactionMatcher;
import com.zsmartsystems.zigbee.zcl.clusters.general.ConfigureReportingResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.DefaultResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.ReadAttributesResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.WriteAttributesResponse;
import com.zsmartsystems.zigbee.zcl.field.AttributeStatusRecord;
import com.zsmartsystems.zigbee.zcl.field.ReadAttributeStatusRecord;
import com.zsmartsystems.zigbee.zcl.field.WriteAttributeStatusRecord;
import com.zsmartsystems.zigbee.zdo.ZdoStatus;
import com.zsmartsystems.zigbee.zdo.command.BindRequest;
import com.zsmartsystems.zigbee.zdo.command.ManagementLeaveRequest;
import com.zsmartsystems.zigbee.zdo.command.ManagementLeaveResponse;
import com.zsmartsystems.zigbee.zdo.field.BindingTable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZclStatus;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * The Zigbee radio on the zsmartsystems stack: ZCL requests go through the stack's network manager
 * and transaction handling to whatever dongle (or simulated coordinator) its transport drives. The
 * stack's transactions block until answered, so each request waits on one of the driver's own
 * worker threads (a bounded pool) for at most the configured answer time; futures complete on the
 * caller's context. Attribute values and payloads pass through as raw ZCL bytes ({@link
 * RawValueSerializer} out, {@link RawZclTap} in).
 */
public final class ZsmartsystemsZigbeeRadio implements ZigbeeRadio {
  private final ZigBeeTransportTransmit transport;
  private final ZigBeeNetworkManager network;
  private final RawZclTap tap;
  private final WorkerExecutor workers;
  private final Duration answerTimeout;
  private final NetworkEvents events;
  private final Context context;
  private final ZigbeeGroups groups;

  ZsmartsystemsZigbeeRadio(
      Context context,
      ZigBeeTransportTransmit transport,
      ZigBeeNetworkManager network,
      RawZclTap tap,
      WorkerExecutor workers,
      Duration answerTimeout,
      NetworkEvents events) {
    this.transport = transport;
    this.network = network;
    this.tap = tap;
    this.workers = workers;
    this.answerTimeout = answerTimeout;
    this.events = events;
    this.context = context;
    this.groups = new ZigbeeGroups(network, this::await);
  }

  /** Starts the stack on a transport; see {@link CoordinatorStart}. */
  public static Future<ZsmartsystemsZigbeeRadio> start(
      Vertx vertx,
      ZigBeeTransportTransmit transport,
      NetworkSettings settings,
      java.nio.file.Path stateDirectory,
      java.util.function.UnaryOperator<String> seal,
      java.util.function.UnaryOperator<String> open) {
    return new CoordinatorStart(vertx, transport, settings, stateDirectory, seal, open).start();
  }

  /**
   * Completes once the stack has discovered every one of these nodes (their endpoints known), or
   * fails after the given time: a dongle whose nodes were paired before the gateway first formed
   * its network (the simulated coordinator's fleet) announces them at start.
   */
  public Future<Void> discovered(java.util.Collection<Eui64> nodes, Duration within) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long deadline = System.nanoTime() + within.toNanos();
    Vertx vertx = context.owner();
    Runnable[] check = new Runnable[1];
    check[0] =
        () -> {
          List<Eui64> missing =
              nodes.stream()
                  .filter(
                      n -> {
                        ZigBeeNode node = network.getNode(ieee(n));
                        return node == null || !events.joined(node);
                      })
                  .toList();
          if (missing.isEmpty()) {
            done.tryComplete();
          } else if (System.nanoTime() > deadline) {
            done.tryFail(
                new RadioException(
                    Reason.TIMEOUT,
                    "the network's nodes were not discovered in time: "
                        + missing
                        + " (known to the stack: "
                        + nodes().stream().map(ZigBeeNode::toString).toList()
                        + ")"));
          } else {
            vertx.setTimer(20, t -> check[0].run());
          }
        };
    context.runOnContext(v -> check[0].run());
    return done.future();
  }

  /** The transport the stack drives (a simulated coordinator's control reaches it through this). */
  public ZigBeeTransportTransmit transport() {
    return transport;
  }

  @Override
  public Future<DeviceAnswer<byte[]>> readAttribute(Eui64 device, ZigbeeAttribute attribute) {
    return transaction(
        device,
        attribute.profile(),
        attribute.endpoint(),
        node -> ZclRequests.read(node.getNetworkAddress(), attribute),
        (request, result) -> {
          if (result.getResponse() instanceof ReadAttributesResponse response) {
            for (ReadAttributeStatusRecord record : response.getRecords()) {
              if (record.getAttributeIdentifier() != attribute.attribute()) {
                continue;
              }
              if (record.getStatus() != com.zsmartsystems.zigbee.zcl.ZclStatus.SUCCESS) {
                return refused(record.getStatus().getId());
              }
              byte[] raw = rawFrame(response).values().get(attribute.attribute());
              if (raw == null) {
                throw new RadioException(Reason.TIMEOUT, "the answer could not be read");
              }
              return DeviceAnswer.of(raw);
            }
          }
          return otherAnswer(result);
        });
  }

  @Override
  public Future<DeviceAnswer<Void>> writeAttribute(
      Eui64 device, ZigbeeAttribute attribute, byte[] value) {
    byte[] sent = value.clone();
    return transaction(
        device,
        attribute.profile(),
        attribute.endpoint(),
        node -> ZclRequests.write(node.getNetworkAddress(), attribute, sent),
        (request, result) -> {
          if (result.getResponse() instanceof WriteAttributesResponse response) {
            for (WriteAttributeStatusRecord record : response.getRecords()) {
              if (record.getStatus() != com.zsmartsystems.zigbee.zcl.ZclStatus.SUCCESS) {
                return refused(record.getStatus().getId());
              }
            }
            return DeviceAnswer.done();
          }
          return otherAnswer(result);
        });
  }

  @Override
  public Future<DeviceAnswer<ZigbeeCommandResponse>> command(
      Eui64 device, ZigbeeCommand command, byte[] payload) {
    byte[] sent = payload.clone();
    return transaction(
        device,
        command.profile(),
        command.endpoint(),
        node ->
            new RawClusterCommand(
                new ZigBeeEndpointAddress(node.getNetworkAddress(), command.endpoint()),
                command.cluster(),
                command.command(),
                command.manufacturerCode(),
                sent),
        (request, result) -> {
          ZigBeeCommand answer = result.getResponse();
          if (answer instanceof DefaultResponse response) {
            int status = response.getStatusCode().getId();
            return status == ZclStatus.SUCCESS.code()
                ? DeviceAnswer.of(
                    new ZigbeeCommandResponse(
                        ZigbeeCommandResponse.DEFAULT_RESPONSE,
                        new byte[] {(byte) command.command(), (byte) status}))
                : refused(status);
          }
          if (answer instanceof ZclCommand response) {
            return DeviceAnswer.of(
                new ZigbeeCommandResponse(response.getCommandId(), rawFrame(response).payload()));
          }
          throw timeout(device);
        });
  }

  /**
   * One groupcast to a Zigbee group of exactly these nodes (made and joined on first use), each
   * node's answer a SUCCESS Default Response meaning "sent"; per-node commands when a node is not
   * usable or cannot be put in the group.
   */
  @Override
  public java.util.Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> groupCommand(
      List<Eui64> devices, ZigbeeCommand command, byte[] payload) {
    List<ZigBeeNode> nodes = new java.util.ArrayList<>();
    for (Eui64 device : devices) {
      ZigBeeNode node = network.getNode(ieee(device));
      if (node == null || !events.joined(node) || node.getEndpoint(command.endpoint()) == null) {
        return ZigbeeRadio.super.groupCommand(devices, command, payload);
      }
      nodes.add(node);
    }
    if (devices.size() < 2 || events.state() != RadioState.UP) {
      return ZigbeeRadio.super.groupCommand(devices, command, payload);
    }
    byte[] sent = payload.clone();
    int group = ZigbeeGroups.groupId(devices, command.endpoint());
    Future<Boolean> cast =
        workers.executeBlocking(
            () -> {
              if (!groups.ensure(group, nodes, devices, command.endpoint())) {
                return false;
              }
              if (!groups.groupcast(group, command, sent)) {
                // Not per node now: the groupcast may have gone out, and a Toggle must not twice.
                throw new RadioException(Reason.TIMEOUT, "the groupcast was not sent in time");
              }
              return true;
            },
            false);
    java.util.Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> answers =
        new java.util.LinkedHashMap<>();
    for (Eui64 device : devices) {
      answers.put(
          device,
          cast.compose(
              groupcast ->
                  groupcast
                      ? Future.succeededFuture(
                          DeviceAnswer.of(ZigbeeCommandResponse.success(command.command())))
                      : command(device, command, sent)));
    }
    return answers;
  }

  @Override
  public Future<DeviceAnswer<Void>> configureReporting(
      Eui64 device, ZigbeeAttribute attribute, ZigbeeReporting reporting) {
    return transaction(
        device,
        attribute.profile(),
        attribute.endpoint(),
        node -> ZclRequests.reporting(node.getNetworkAddress(), attribute, reporting),
        (request, result) -> {
          if (result.getResponse() instanceof ConfigureReportingResponse response) {
            if (response.getStatus() != null
                && response.getStatus() != com.zsmartsystems.zigbee.zcl.ZclStatus.SUCCESS) {
              return refused(response.getStatus().getId());
            }
            if (response.getRecords() != null) {
              for (AttributeStatusRecord record : response.getRecords()) {
                if (record.getStatus() != com.zsmartsystems.zigbee.zcl.ZclStatus.SUCCESS) {
                  return refused(record.getStatus().getId());
                }
              }
            }
            if (!reporting.off()) {
              bindToCoordinator(device, attribute);
            }
            return DeviceAnswer.done();
          }
          return otherAnswer(result);
        });
  }

  /** Reports go to the coordinator only once the node's cluster is bound to it (ZDO Bind). */
  private void bindToCoordinator(Eui64 device, ZigbeeAttribute attribute) {
    ZigBeeNode node = network.getNode(ieee(device));
    BindingTable entry = new BindingTable();
    entry.setSrcAddr(node.getIeeeAddress());
    entry.setSrcEndpoint(attribute.endpoint());
    entry.setClusterId(attribute.cluster());
    entry.setDstAddrMode(3);
    entry.setDstAddr(network.getLocalIeeeAddress());
    entry.setDstNodeEndpoint(1);
    BindRequest bind = new BindRequest(entry);
    bind.setDestinationAddress(new ZigBeeEndpointAddress(node.getNetworkAddress()));
    CommandResult result = await(network.sendTransaction(bind, bind));
    if (!result.isSuccess()) {
      throw new RadioException(
          Reason.TIMEOUT, device + " did not bind its cluster for reports to the coordinator");
    }
  }

  /**
   * The node's service map (see {@link NodeDiscovery}): one Discover Attributes exchange per page
   * of each server cluster, one after another, each on a worker and bounded by the answer time.
   */
  @Override
  public Future<List<ZigbeeEndpointMap>> discover(Eui64 device) {
    return joinedNode(device)
        .compose(node -> new NodeDiscovery(node, request -> exchange(device, request)).run());
  }

  /** The node behind an address, if the radio is up and the node has joined; else why not. */
  private Future<ZigBeeNode> joinedNode(Eui64 device) {
    if (events.state() != RadioState.UP) {
      return Future.failedFuture(down());
    }
    ZigBeeNode node = network.getNode(ieee(device));
    if (node == null || node.getNetworkAddress() == null || !events.joined(node)) {
      return Future.failedFuture(
          new RadioException(Reason.UNKNOWN_DEVICE, "no node " + device + " is in the network"));
    }
    return Future.succeededFuture(node);
  }

  /** Sends a ZCL request and waits for the node's answer on a worker, for the answer time. */
  private Future<CommandResult> exchange(Eui64 device, ZigBeeCommand request) {
    return workers.executeBlocking(() -> answered(device, request), false);
  }

  /** The node's answer to a ZCL request; blocking, so called on a worker. */
  private CommandResult answered(Eui64 device, ZigBeeCommand request) {
    CommandResult result = await(network.sendTransaction(request, new ZclTransactionMatcher()));
    if (result.getResponse() == null) {
      throw events.state() == RadioState.UP ? timeout(device) : down();
    }
    return result;
  }

  @Override
  public Future<Void> permitJoin(int seconds) {
    if (seconds < 0 || seconds > 254) {
      return Future.failedFuture(
          new RadioException(Reason.UNKNOWN_TARGET, "permit join takes 0 to 254 seconds"));
    }
    if (events.state() != RadioState.UP) {
      return Future.failedFuture(down());
    }
    return workers.executeBlocking(
        () -> {
          ZigBeeStatus status = network.permitJoin(seconds);
          if (status != ZigBeeStatus.SUCCESS) {
            throw new RadioException(Reason.RADIO_DOWN, "the coordinator refused permit join");
          }
          return null;
        },
        false);
  }

  /**
   * Sends the stack's Mgmt_Leave request (no rejoin, children kept) to the node and, once it has
   * confirmed, removes the node from the stack's network and its store: the stack's own {@code
   * leave} does the same on a thread of its own but tells nobody how it went.
   */
  @Override
  public Future<Void> leave(Eui64 device) {
    if (events.state() != RadioState.UP) {
      return Future.failedFuture(down());
    }
    ZigBeeNode node = network.getNode(ieee(device));
    if (node == null || node.getNetworkAddress() == null) {
      return Future.failedFuture(
          new RadioException(Reason.UNKNOWN_DEVICE, "no node " + device + " is in the network"));
    }
    ManagementLeaveRequest request = new ManagementLeaveRequest(node.getIeeeAddress(), false);
    request.setDestinationAddress(new ZigBeeEndpointAddress(node.getNetworkAddress()));
    request.setSourceAddress(new ZigBeeEndpointAddress(0));
    return workers.executeBlocking(
        () -> {
          CommandResult result = await(network.sendTransaction(request, request));
          if (!(result.getResponse() instanceof ManagementLeaveResponse response)) {
            throw events.state() == RadioState.UP ? timeout(device) : down();
          }
          if (response.getStatus() != ZdoStatus.SUCCESS) {
            throw new RadioException(
                Reason.UNSUPPORTED, device + " refused to leave (" + response.getStatus() + ")");
          }
          network.removeNode(node);
          return null;
        },
        false);
  }

  @Override
  public void listen(ZigbeeListener listener) {
    events.listen(listener);
  }

  @Override
  public RadioState state() {
    return events.state();
  }

  /** What to do with a node's answer to one request. */
  private interface Answer<T> {
    DeviceAnswer<T> of(ZigBeeCommand request, CommandResult result);
  }

  /**
   * Sends a request to a node's endpoint and waits for its answer on a worker. Fails at once when
   * the coordinator is down, the node is not in the network or lacks the endpoint.
   */
  private <T> Future<DeviceAnswer<T>> transaction(
      Eui64 device,
      int profile,
      int endpoint,
      Function<ZigBeeNode, ZigBeeCommand> request,
      Answer<T> answer) {
    return joinedNode(device)
        .compose(node -> transaction(device, node, profile, endpoint, request, answer));
  }

  private <T> Future<DeviceAnswer<T>> transaction(
      Eui64 device,
      ZigBeeNode node,
      int profile,
      int endpoint,
      Function<ZigBeeNode, ZigBeeCommand> request,
      Answer<T> answer) {
    ZigBeeEndpoint target = node.getEndpoint(endpoint);
    if (target == null) {
      return Future.failedFuture(
          new RadioException(Reason.UNKNOWN_TARGET, device + " has no endpoint " + endpoint));
    }
    if (target.getProfileId() != 0 && target.getProfileId() != profile) {
      // The stack sends every ZCL frame on its one default profile (Home Automation), so a frame
      // for another profile cannot be sent as such; a node would not answer it: a time-out.
      return Future.failedFuture(
          new RadioException(
              Reason.TIMEOUT,
              String.format(
                  "%s endpoint %d is on profile 0x%04X and would not answer a frame for 0x%04X",
                  device, endpoint, target.getProfileId(), profile)));
    }
    ZigBeeCommand command;
    try {
      command = request.apply(node);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new RadioException(Reason.UNKNOWN_TARGET, e.getMessage()));
    }
    // The answer is read on the worker too: Configure Reporting's binds the cluster, blocking.
    return workers.executeBlocking(() -> answer.of(command, answered(device, command)), false);
  }

  private CommandResult await(java.util.concurrent.Future<CommandResult> pending) {
    try {
      return pending.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(true);
      throw new RadioException(Reason.TIMEOUT, "interrupted while waiting for the node");
    } catch (java.util.concurrent.TimeoutException e) {
      pending.cancel(true);
      throw new RadioException(Reason.TIMEOUT, "the node did not answer in time");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new RadioException(Reason.TIMEOUT, "the request failed in the stack");
    }
  }

  private RawZclTap.Frame rawFrame(ZclCommand response) {
    ZigBeeEndpointAddress source = (ZigBeeEndpointAddress) response.getSourceAddress();
    return tap.take(
            new RawZclTap.Key(
                source.getAddress(),
                source.getEndpoint(),
                response.getClusterId(),
                response.getTransactionId(),
                response.getCommandId()))
        .orElseThrow(() -> new RadioException(Reason.TIMEOUT, "the answer could not be read"));
  }

  /** A Default Response instead of the expected answer: the node refused the request. */
  private static <T> DeviceAnswer<T> otherAnswer(CommandResult result) {
    if (result.getResponse() instanceof DefaultResponse response) {
      return refused(response.getStatusCode().getId());
    }
    return refused(ZclStatus.FAILURE.code());
  }

  /**
   * The node's refusal with its status as it came (an OTA status such as INVALID_IMAGE means more
   * than FAILURE to the File extension); a code the stack could not decode (its UNKNOWN, 0xFF) is
   * FAILURE. Package private for its test.
   */
  static <T> DeviceAnswer<T> refused(int status) {
    int code = status > 0 && status < 0xFF ? status : ZclStatus.FAILURE.code();
    return DeviceAnswer.refused(new DeviceStatus(DeviceStatus.Protocol.ZCL, code));
  }

  private static RadioException timeout(Eui64 device) {
    return new RadioException(Reason.TIMEOUT, device + " did not answer in time");
  }

  private static RadioException down() {
    return new RadioException(Reason.RADIO_DOWN, "the Zigbee coordinator is down");
  }

  static IeeeAddress ieee(Eui64 device) {
    return new IeeeAddress(device.toString().replace(":", ""));
  }

  /** Stops the stack and the workers; blocking, so called on a worker or a test thread. */
  public void shutdown() {
    network.shutdown();
    workers.close();
  }

  List<ZigBeeNode> nodes() {
    return new CopyOnWriteArrayList<>(network.getNodes());
  }
}
