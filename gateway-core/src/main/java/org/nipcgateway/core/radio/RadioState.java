package org.nipcgateway.core.radio;

/**
 * Whether a radio can be used: {@code UP}; {@code DOWN} (adapter removed or powered off,
 * coordinator lost); {@code RECOVERING} (the driver is bringing it back and re-establishing what
 * was set up). Operations while not {@code UP} fail at once with {@link
 * RadioException.Reason#RADIO_DOWN}.
 */
public enum RadioState {
  UP,
  DOWN,
  RECOVERING
}
