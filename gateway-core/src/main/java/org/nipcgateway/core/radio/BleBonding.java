package org.nipcgateway.core.radio;

/**
 * How to pair when a peripheral asks for it; the SCIM BLE extension's pairing methods, or the
 * override a connection request names.
 */
public enum BleBonding {
  NONE,
  JUSTWORKS,
  PASSKEY,
  OOB
}
