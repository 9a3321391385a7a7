package org.nipcgateway.simulators.zigbee;

/**
 * Whether a coordinator lets nodes join: open for the seconds of the last permit join (Zigbee's
 * Mgmt_Permit_Joining duration, 0 closing it), then closed again by itself.
 */
final class JoinWindow {
  private volatile long openUntilNanos = Long.MIN_VALUE;
  private volatile boolean open;

  /** Opens for that many seconds from now; 0 closes. */
  void open(int seconds) {
    open = seconds > 0;
    openUntilNanos = System.nanoTime() + seconds * 1_000_000_000L;
  }

  boolean isOpen() {
    return open && System.nanoTime() - openUntilNanos < 0;
  }
}
