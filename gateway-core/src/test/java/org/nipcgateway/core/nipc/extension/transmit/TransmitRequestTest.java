package org.nipcgateway.core.nipc.extension.transmit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.device.BleIdentity;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleCredentials;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.TransmitSchedule;

class TransmitRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DeviceRecord BLE =
      new DeviceRecord(
          "b",
          true,
          Optional.empty(),
          Optional.of(
              new BleIdentity(
                  BleAddress.parse("2C:54:91:88:C9:E2"),
                  List.of(),
                  Set.of(),
                  BleCredentials.none())),
          Optional.empty(),
          List.of(),
          List.of());
  private static final DeviceRecord ZIGBEE =
      new DeviceRecord(
          "z",
          true,
          Optional.empty(),
          Optional.empty(),
          Optional.of(Eui64.parse("50:32:5F:FF:FE:E7:67:28")),
          List.of(),
          List.of());

  private static JsonNode body(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static void invalid(String json, DeviceRecord device) {
    assertThatThrownBy(() -> TransmitRequest.parse(body(json), device))
        .isInstanceOfSatisfying(
            NipcException.class,
            e -> assertThat(e.problem()).contains(NipcProblem.EXTENSION_TRANSMIT_INVALID_DATA));
  }

  @Test
  void well_formed_ad_structures_with_zero_padding_are_taken_with_the_schedule_asked()
      throws Exception {
    TransmitRequest request =
        TransmitRequest.parse(
            body(
                "{\"protocolInformation\":{\"ble\":{\"connectable\":true}},\"cycle\":\"repeat\","
                    + "\"transmitTime\":3000,\"transmitInterval\":500,\"payload\":\"AgEGAAAA\"}"),
            BLE);
    assertThat(request.ble()).isTrue();
    assertThat(request.connectable()).isTrue();
    assertThat(request.payload()).containsExactly(2, 1, 6, 0, 0, 0);
    assertThat(request.schedule())
        .isEqualTo(new TransmitSchedule(TransmitSchedule.Cycle.REPEAT, 3000, 500));
  }

  @Test
  void without_protocol_information_the_devices_own_radio_and_default_times_are_used()
      throws Exception {
    TransmitRequest repeat =
        TransmitRequest.parse(body("{\"cycle\":\"repeat\",\"payload\":\"AQID\"}"), ZIGBEE);
    assertThat(repeat.ble()).isFalse();
    assertThat(repeat.schedule())
        .isEqualTo(new TransmitSchedule(TransmitSchedule.Cycle.REPEAT, 1000, 100));
    TransmitRequest single =
        TransmitRequest.parse(body("{\"cycle\":\"single\",\"payload\":\"AgEG\"}"), BLE);
    assertThat(single.ble()).isTrue();
    assertThat(single.schedule().durationMillis()).isZero();
  }

  @Test
  void the_drafts_example_payload_is_refused_for_its_overlong_third_ad_structure() {
    invalid("{\"cycle\":\"single\",\"payload\":\"AgEaAgoMFv9MABAHch9BsDkgeA==\"}", BLE);
  }

  @Test
  void payloads_too_long_for_the_radio_and_bytes_after_the_end_are_refused() {
    invalid("{\"cycle\":\"single\",\"payload\":\"" + "HgkA".repeat(8) + "\"}", BLE);
    invalid("{\"cycle\":\"single\",\"payload\":\"AgEGAAE=\"}", BLE);
    invalid("{\"cycle\":\"single\",\"payload\":\"" + "A".repeat(112) + "\"}", ZIGBEE);
  }

  @Test
  void a_protocol_the_device_lacks_is_refused() {
    invalid(
        "{\"protocolInformation\":{\"ble\":{}},\"cycle\":\"single\",\"payload\":\"AQ==\"}", ZIGBEE);
    invalid(
        "{\"protocolInformation\":{\"zigbee\":{}},\"cycle\":\"single\",\"payload\":\"AgEG\"}", BLE);
    invalid(
        "{\"protocolInformation\":{\"ble\":{},\"zigbee\":{}},\"cycle\":\"single\",\"payload\":\"AgEG\"}",
        BLE);
  }

  @Test
  void times_out_of_range_are_refused() {
    invalid("{\"cycle\":\"repeat\",\"transmitInterval\":19,\"payload\":\"AgEG\"}", BLE);
    invalid("{\"cycle\":\"repeat\",\"transmitTime\":600001,\"payload\":\"AgEG\"}", BLE);
    invalid("{\"cycle\":\"repeat\",\"transmitTime\":1.5,\"payload\":\"AgEG\"}", BLE);
  }
}
