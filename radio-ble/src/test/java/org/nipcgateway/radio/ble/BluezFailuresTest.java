package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bluez.Error;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.UnknownObject;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.AttError;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/** BlueZ's D-Bus errors, as bluetoothd sends them, become ATT refusals or the right failures. */
class BluezFailuresTest {

  private static int refusal(DeviceAnswer<?> answer) {
    assertThat(answer.succeeded()).isFalse();
    DeviceStatus status = answer.refusal().orElseThrow();
    assertThat(status.protocol()).isEqualTo(DeviceStatus.Protocol.ATT);
    return status.code();
  }

  @Test
  void not_permitted_is_the_att_refusal_of_the_operation() {
    assertThat(refusal(BluezFailures.gatt(new Error.NotPermitted("Read not permitted"), "read")))
        .isEqualTo(AttError.READ_NOT_PERMITTED.code());
    assertThat(refusal(BluezFailures.gatt(new Error.NotPermitted("Write not permitted"), "write")))
        .isEqualTo(AttError.WRITE_NOT_PERMITTED.code());
    assertThat(refusal(BluezFailures.gatt(new Error.NotPermitted("Not paired"), "read")))
        .isEqualTo(AttError.INSUFFICIENT_AUTHENTICATION.code());
  }

  @Test
  void not_supported_is_request_not_supported() {
    assertThat(
            refusal(
                BluezFailures.gatt(
                    new Error.NotSupported("Operation is not supported"), "notifications")))
        .isEqualTo(AttError.REQUEST_NOT_SUPPORTED.code());
  }

  @Test
  void a_failure_naming_an_att_error_carries_that_code() {
    assertThat(
            refusal(
                BluezFailures.gatt(
                    new Error.Failed("Operation failed with ATT error: 0x80"), "write")))
        .isEqualTo(0x80);
  }

  @Test
  void a_link_that_is_gone_is_a_connection_failure_not_a_refusal() {
    assertThatThrownBy(() -> BluezFailures.gatt(new Error.Failed("Not connected"), "read"))
        .isInstanceOfSatisfying(
            RadioException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_FAILED));
    assertThat(BluezFailures.failure(new UnknownObject("gone"), "read").reason())
        .isEqualTo(Reason.CONNECTION_FAILED);
  }

  @Test
  void rejected_or_failed_authentication_is_a_bonding_failure() {
    assertThat(
            BluezFailures.failure(
                    new Error.AuthenticationFailed("Authentication Failed"), "connect")
                .reason())
        .isEqualTo(Reason.BONDING_FAILED);
    assertThat(
            BluezFailures.failure(
                    new Error.AuthenticationRejected("Authentication Rejected"), "connect")
                .reason())
        .isEqualTo(Reason.BONDING_FAILED);
  }

  @Test
  void no_reply_is_a_timeout_and_not_ready_a_radio_down() {
    assertThat(BluezFailures.failure(new NoReply("no reply"), "connect").reason())
        .isEqualTo(Reason.TIMEOUT);
    assertThat(
            BluezFailures.failure(new Error.NotReady("Resource Not Ready"), "discovery").reason())
        .isEqualTo(Reason.RADIO_DOWN);
  }

  @Test
  void the_error_name_is_the_one_on_the_wire() {
    assertThat(BluezFailures.nameOf(new Error.InProgress("busy")))
        .isEqualTo("org.bluez.Error.InProgress");
  }

  @Test
  void a_session_bluetoothd_already_holds_is_as_asked_and_other_failures_are_not() {
    assertThat(BluezFailures.sessionAlready(new Error.Failed("Already notifying"), true)).isTrue();
    assertThat(BluezFailures.sessionAlready(new Error.InProgress("In Progress"), true)).isTrue();
    assertThat(BluezFailures.sessionAlready(new Error.Failed("No notify session started"), false))
        .isTrue();
    assertThat(BluezFailures.sessionAlready(new Error.Failed("Not connected"), true)).isFalse();
    assertThat(BluezFailures.sessionAlready(new Error.NotPermitted("Notify not permitted"), true))
        .isFalse();
    assertThat(BluezFailures.sessionAlready(new Error.InProgress("In Progress"), false)).isFalse();
  }
}
