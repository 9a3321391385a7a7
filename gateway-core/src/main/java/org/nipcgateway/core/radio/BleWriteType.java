package org.nipcgateway.core.radio;

/**
 * How a characteristic is written: a write request, which the peripheral confirms, or a write
 * command (write without response), which it does not (BlueZ's {@code WriteValue} option {@code
 * type}: {@code request} or {@code command}).
 */
public enum BleWriteType {
  REQUEST,
  COMMAND
}
