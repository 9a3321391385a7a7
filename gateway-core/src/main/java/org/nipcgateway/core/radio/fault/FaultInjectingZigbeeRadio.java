package org.nipcgateway.core.radio.fault;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZclStatus;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeNodeEvent;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * Wraps any Zigbee radio and injects latency and faults into its operations: time-outs, a ZCL
 * FAILURE answer for refusals (or the status the fault names), unknown targets, and a coordinator
 * that is down until cleared.
 */
public final class FaultInjectingZigbeeRadio implements ZigbeeRadio, ZigbeeListener {
  private final ZigbeeRadio radio;
  private final FaultInjection faults;
  private final List<ZigbeeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  public FaultInjectingZigbeeRadio(ZigbeeRadio radio, FaultInjection faults) {
    this.radio = radio;
    this.faults = faults;
    radio.listen(this);
    faults.plan().onChange(() -> faults.context().runOnContext(v -> radioDownChanged()));
  }

  @Override
  public Future<DeviceAnswer<byte[]>> readAttribute(Eui64 device, ZigbeeAttribute attribute) {
    return perform("read", device, () -> radio.readAttribute(device, attribute));
  }

  @Override
  public Future<DeviceAnswer<Void>> writeAttribute(
      Eui64 device, ZigbeeAttribute attribute, byte[] value) {
    return perform("write", device, () -> radio.writeAttribute(device, attribute, value));
  }

  @Override
  public Future<DeviceAnswer<ZigbeeCommandResponse>> command(
      Eui64 device, ZigbeeCommand command, byte[] payload) {
    return perform("command", device, () -> radio.command(device, command, payload));
  }

  /**
   * A groupcast passes through while no fault is planned for a member's commands (and the radio is
   * not held down); otherwise each member gets its own command, so that its fault strikes.
   */
  @Override
  public java.util.Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> groupCommand(
      List<Eui64> devices, ZigbeeCommand command, byte[] payload) {
    boolean planned =
        faults.plan().radioDown()
            || faults.plan().list().stream()
                .anyMatch(
                    f ->
                        devices.stream()
                            .anyMatch(
                                d -> f.matches(faults.plan().radio(), "command", d.toString())));
    if (planned) {
      return ZigbeeRadio.super.groupCommand(devices, command, payload);
    }
    Future<Void> delay = faults.latency().of("command");
    java.util.Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> sent =
        new java.util.LinkedHashMap<>();
    io.vertx.core.Promise<java.util.Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>>>
        answers = io.vertx.core.Promise.promise();
    delay.onComplete(v -> answers.complete(radio.groupCommand(devices, command, payload)));
    for (Eui64 device : devices) {
      sent.put(device, answers.future().compose(all -> all.get(device)));
    }
    return sent;
  }

  @Override
  public Future<DeviceAnswer<Void>> configureReporting(
      Eui64 device, ZigbeeAttribute attribute, ZigbeeReporting reporting) {
    if (reporting.off()) {
      return radio.configureReporting(device, attribute, reporting);
    }
    return perform(
        "reporting", device, () -> radio.configureReporting(device, attribute, reporting));
  }

  @Override
  public Future<Void> permitJoin(int seconds) {
    return faults.unlessDown(
        "permitJoin",
        "the coordinator",
        () -> faults.latency().of("permitJoin").compose(v -> radio.permitJoin(seconds)));
  }

  @Override
  public Future<Void> leave(Eui64 device) {
    String node = device.toString();
    return faults.perform(
        "leave",
        node,
        fault -> FaultInjection.fail(fault.kind(), "leave", node),
        () -> radio.leave(device));
  }

  @Override
  public Future<Void> transmit(
      Eui64 device, org.nipcgateway.core.radio.ZigbeeTransmission transmission) {
    String node = device.toString();
    return faults.perform(
        "transmit",
        node,
        fault -> FaultInjection.fail(fault.kind(), "transmit", node),
        () -> radio.transmit(device, transmission));
  }

  @Override
  public Future<List<org.nipcgateway.core.radio.ZigbeeEndpointMap>> discover(Eui64 device) {
    String node = device.toString();
    return faults.perform(
        "discover",
        node,
        fault -> FaultInjection.fail(fault.kind(), "discover", node),
        () -> radio.discover(device));
  }

  @Override
  public void listen(ZigbeeListener listener) {
    listeners.add(listener);
  }

  @Override
  public RadioState state() {
    return faults.plan().radioDown() ? RadioState.DOWN : radio.state();
  }

  @Override
  public void attributeReport(Eui64 device, ZigbeeAttribute attribute, byte[] value) {
    if (!down) {
      emit(l -> l.attributeReport(device, attribute, value));
    }
  }

  @Override
  public void attributeWritten(Eui64 device, ZigbeeAttribute attribute, byte[] value) {
    if (!down) {
      emit(l -> l.attributeWritten(device, attribute, value));
    }
  }

  @Override
  public void nodeChanged(ZigbeeNodeEvent event) {
    if (!down) {
      emit(l -> l.nodeChanged(event));
    }
  }

  @Override
  public void stateChanged(RadioState state) {
    if (!down) {
      emit(l -> l.stateChanged(state));
    }
  }

  private void radioDownChanged() {
    boolean nowDown = faults.plan().radioDown();
    if (nowDown != down) {
      down = nowDown;
      RadioState state = nowDown ? RadioState.DOWN : radio.state();
      emit(l -> l.stateChanged(state));
    }
  }

  private <T> Future<DeviceAnswer<T>> perform(
      String operation, Eui64 device, Supplier<Future<DeviceAnswer<T>>> work) {
    if (faults.idle(operation)) {
      return work.get();
    }
    return faults.perform(
        operation,
        device.toString(),
        fault ->
            fault.kind() == Fault.Kind.REFUSED
                ? Future.succeededFuture(DeviceAnswer.refused(refusal(fault)))
                : FaultInjection.fail(fault.kind(), operation, device.toString()),
        work);
  }

  /** The ZCL status a refusal answers: the fault's own, or FAILURE. */
  private static DeviceStatus refusal(Fault fault) {
    return new DeviceStatus(
        DeviceStatus.Protocol.ZCL, fault.status().orElse(ZclStatus.FAILURE.code()));
  }

  private void emit(Consumer<ZigbeeListener> event) {
    listeners.forEach(event);
  }
}
