package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/**
 * The gateway's fault-injecting decorator, which wraps the radios of any driver: faults and latency
 * through {@code /simulator/faults} and {@code /simulator/latency}. On a row without fault
 * injection a test that injects is aborted (reported skipped), and clearing does nothing.
 */
public final class Faults {
  private final RadioRow row;
  private final ScimClient client;

  public Faults(RadioRow row, ScimClient client) {
    this.row = row;
    this.client = client;
  }

  /** The radio fails every {@code operation} ({@code *} for all) with the fault until cleared. */
  public void inject(String radio, String operation, String fault) {
    inject(radio, operation, fault, -1);
  }

  /** The radio fails the next {@code times} {@code operation}s with the fault. */
  public void inject(String radio, String operation, String fault, int times) {
    available();
    send(
        "POST",
        "/faults",
        new JsonObject()
            .put("radio", radio)
            .put("operation", operation)
            .put("fault", fault)
            .put("times", times));
  }

  /**
   * The device lets {@code after} {@code operation}s through, then refuses the next one, once, with
   * {@code status} (an ATT error code over BLE, a ZCL status over Zigbee): with the pieces of a
   * write less one, it refuses the last piece.
   */
  public void refuseOnce(String radio, String operation, int status, int after) {
    available();
    send(
        "POST",
        "/faults",
        new JsonObject()
            .put("radio", radio)
            .put("operation", operation)
            .put("fault", "refused")
            .put("times", 1)
            .put("after", after)
            .put("status", status));
  }

  /** Every {@code operation} of the radio ({@code *} for all) is held back this long. */
  public void latency(String radio, String operation, long ms) {
    available();
    send(
        "PUT",
        "/latency",
        new JsonObject().put("radio", radio).put("operation", operation).put("ms", ms));
  }

  /** Clears every fault of every radio. */
  public void clear() {
    if (row.faultInjection()) {
      send("DELETE", "/faults", null);
    }
  }

  /** The radio's operations are no longer held back. */
  public void noLatency(String radio) {
    if (row.faultInjection()) {
      latency(radio, "*", 0);
    }
  }

  private void available() {
    Assumptions.assumeTrue(
        row.faultInjection(), "the " + row.name() + " row has no fault injection");
  }

  private void send(String method, String path, JsonObject body) {
    Reply reply =
        client.send(
            method,
            "/simulator" + path,
            body == null ? null : body.encode(),
            "Content-Type",
            "application/json");
    if (reply.status() >= 300) {
      throw new AssertionError("fault injection refused " + path + ": " + reply);
    }
  }
}
