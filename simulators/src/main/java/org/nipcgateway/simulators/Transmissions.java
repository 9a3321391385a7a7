package org.nipcgateway.simulators;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.nipcgateway.core.radio.TransmitSchedule;

/**
 * What a simulated radio was asked to transmit (NIPC Transmit extension), newest last, so tests can
 * see what went on the air. Keeps the last {@value #KEPT}; a long demo run does not grow it.
 */
public final class Transmissions {
  private static final int KEPT = 1000;
  private final Deque<Transmitted> log = new ArrayDeque<>();

  /**
   * One transmission.
   *
   * @param device the address of the device it was sent for
   * @param connectable for BLE, whether the advertisement was connectable; false for Zigbee
   */
  public record Transmitted(
      String device, byte[] payload, boolean connectable, TransmitSchedule schedule) {
    public Transmitted {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  public synchronized void add(Transmitted transmitted) {
    log.addLast(transmitted);
    if (log.size() > KEPT) {
      log.removeFirst();
    }
  }

  public synchronized List<Transmitted> list() {
    return List.copyOf(log);
  }
}
