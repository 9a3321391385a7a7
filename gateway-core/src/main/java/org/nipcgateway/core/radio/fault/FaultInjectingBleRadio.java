package org.nipcgateway.core.radio.fault;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.AttError;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioState;

/**
 * Wraps any BLE radio and injects latency and faults into its operations, so the gateway's handling
 * of a failing radio is tested the same way over every driver. Faults act as a failing radio would:
 * a disconnect fault really drops the link, a refusal is the device's ATT error (the fault's {@code
 * status}, or the usual one for the operation), and a radio-down fault takes the whole radio down
 * (links lost, state {@code DOWN}) until cleared.
 */
public final class FaultInjectingBleRadio implements BleRadio, BleListener {
  private final BleRadio radio;
  private final FaultInjection faults;
  private final List<BleListener> listeners = new CopyOnWriteArrayList<>();
  private final Set<BleAddress> connected = ConcurrentHashMap.newKeySet();
  private volatile boolean down;

  public FaultInjectingBleRadio(BleRadio radio, FaultInjection faults) {
    this.radio = radio;
    this.faults = faults;
    radio.listen(this);
    faults.plan().onChange(() -> faults.context().runOnContext(v -> radioDownChanged()));
  }

  @Override
  public Future<BleLink> connect(BleConnectRequest request) {
    return perform(
        "connect",
        request.address(),
        fault -> failure(fault.kind(), "connect", request.address()),
        () -> radio.connect(request));
  }

  @Override
  public Future<Void> disconnect(BleAddress device) {
    return radio.disconnect(device);
  }

  @Override
  public Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds) {
    return perform(
        "discover",
        device,
        fault -> failure(fault.kind(), "discover", device),
        () -> radio.discover(device, serviceIds));
  }

  @Override
  public Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic characteristic) {
    return perform(
        "read",
        device,
        fault -> answer(fault, "read", device, AttError.READ_NOT_PERMITTED),
        () -> radio.read(device, characteristic));
  }

  @Override
  public Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic characteristic, byte[] value, BleWriteType type) {
    return perform(
        "write",
        device,
        fault -> answer(fault, "write", device, AttError.WRITE_NOT_PERMITTED),
        () -> radio.write(device, characteristic, value, type));
  }

  @Override
  public Future<DeviceAnswer<Void>> notifications(
      BleAddress device, GattCharacteristic characteristic, boolean on) {
    if (!on) {
      // Turning off is cleanup; a fault there would only leak the subscription.
      return radio.notifications(device, characteristic, false);
    }
    return perform(
        "notifications",
        device,
        fault -> answer(fault, "notifications", device, AttError.WRITE_NOT_PERMITTED),
        () -> radio.notifications(device, characteristic, true));
  }

  @Override
  public Future<Void> scanning(boolean on) {
    return on
        ? faults.unlessDown("scanning", "the adapter", () -> radio.scanning(true))
        : radio.scanning(false);
  }

  @Override
  public Future<Void> transmit(
      BleAddress device, org.nipcgateway.core.radio.BleTransmission transmission) {
    return perform(
        "transmit",
        device,
        fault -> failure(fault.kind(), "transmit", device),
        () -> radio.transmit(device, transmission));
  }

  @Override
  public void listen(BleListener listener) {
    listeners.add(listener);
  }

  @Override
  public RadioState state() {
    return faults.plan().radioDown() ? RadioState.DOWN : radio.state();
  }

  @Override
  public void notification(
      BleAddress device, GattCharacteristic characteristic, byte[] value, boolean indication) {
    if (!down) {
      emit(l -> l.notification(device, characteristic, value, indication));
    }
  }

  @Override
  public void advertisement(BleAdvertisement advertisement) {
    if (!down) {
      emit(l -> l.advertisement(advertisement));
    }
  }

  @Override
  public void connectionChanged(BleLink link, boolean isConnected) {
    if (isConnected) {
      connected.add(link.address());
    } else {
      connected.remove(link.address());
    }
    emit(l -> l.connectionChanged(link, isConnected));
  }

  @Override
  public void stateChanged(RadioState state) {
    if (!down) {
      emit(l -> l.stateChanged(state));
    }
  }

  /** A radio taken down loses its links, as an adapter that is removed does. */
  private void radioDownChanged() {
    boolean nowDown = faults.plan().radioDown();
    if (nowDown == down) {
      return;
    }
    down = nowDown;
    if (nowDown) {
      emit(l -> l.stateChanged(RadioState.DOWN));
      List.copyOf(connected).forEach(radio::disconnect);
    } else {
      emit(l -> l.stateChanged(radio.state()));
    }
  }

  private <T> Future<T> perform(
      String operation,
      BleAddress device,
      java.util.function.Function<Fault, Future<T>> onFault,
      Supplier<Future<T>> work) {
    if (faults.idle(operation)) {
      return work.get();
    }
    return faults.perform(operation, device.toString(), onFault, work);
  }

  private <T> Future<T> failure(Fault.Kind kind, String operation, BleAddress device) {
    if (kind == Fault.Kind.DISCONNECT) {
      return radio
          .disconnect(device)
          .transform(v -> FaultInjection.fail(kind, operation, device.toString()));
    }
    return FaultInjection.fail(kind, operation, device.toString());
  }

  /** A refusal answers the fault's ATT error, else {@code usual}; other faults are failures. */
  private <T> Future<DeviceAnswer<T>> answer(
      Fault fault, String operation, BleAddress device, AttError usual) {
    if (fault.kind() == Fault.Kind.REFUSED) {
      DeviceStatus status =
          new DeviceStatus(DeviceStatus.Protocol.ATT, fault.status().orElse(usual.code()));
      return Future.succeededFuture(DeviceAnswer.refused(status));
    }
    return failure(fault.kind(), operation, device);
  }

  private void emit(Consumer<BleListener> event) {
    listeners.forEach(event);
  }
}
