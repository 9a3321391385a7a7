package org.nipcgateway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.fault.Fault;
import org.nipcgateway.core.radios.Radios;

/** Core reads each family's driver and fault-injection keys; the driver reads the rest. */
class RadiosSettingsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<Radios> start(String json) throws Exception {
    Future<Radios> started = Radios.start(vertx, Settings.of("radios", new JsonObject(json)));
    started.toCompletionStage().toCompletableFuture().handle((r, e) -> r).get(10, TimeUnit.SECONDS);
    return started;
  }

  @Test
  void latency_and_faults_beside_any_driver_go_to_the_fault_injection() throws Exception {
    Future<Radios> started =
        start(
            "{\"ble\":{\"driver\":\"simulated\",\"latencyMs\":{\"connect\":5},"
                + "\"faults\":[{\"operation\":\"connect\",\"device\":\"02:00:00:00:00:01\","
                + "\"fault\":\"timeout\",\"times\":1}]}}");

    assertThat(started.succeeded()).as(String.valueOf(started.cause())).isTrue();
    var faults = started.result().bleFamily().orElseThrow().faults().orElseThrow();
    assertThat(faults.latency().settings()).containsEntry("connect", 5L);
    assertThat(faults.plan().list()).extracting(Fault::kind).containsExactly(Fault.Kind.TIMEOUT);
    started.result().stop();
  }

  @Test
  void the_simulator_gets_fault_injection_unless_turned_off() throws Exception {
    Future<Radios> on = start("{\"zigbee\":{\"driver\":\"simulated\"}}");
    Future<Radios> off = start("{\"zigbee\":{\"driver\":\"simulated\",\"faultInjection\":false}}");

    assertThat(on.result().zigbeeFamily().orElseThrow().faults()).isPresent();
    assertThat(off.result().zigbeeFamily().orElseThrow().faults()).isEmpty();
  }

  @Test
  void an_unknown_fault_is_named_with_its_key() throws Exception {
    Future<Radios> started =
        start("{\"ble\":{\"driver\":\"simulated\",\"faults\":[{\"fault\":\"boom\"}]}}");

    assertThat(started.cause().getMessage())
        .startsWith("config key 'radios.ble.faults[0].fault' unknown fault 'boom'");
  }

  @Test
  void a_configured_refusal_may_wait_for_later_operations_and_name_its_status() throws Exception {
    Future<Radios> started =
        start(
            "{\"zigbee\":{\"driver\":\"simulated\",\"faults\":[{\"operation\":\"write\","
                + "\"fault\":\"refused\",\"times\":1,\"after\":3,\"status\":150}]}}");

    assertThat(started.succeeded()).as(String.valueOf(started.cause())).isTrue();
    Fault fault =
        started.result().zigbeeFamily().orElseThrow().faults().orElseThrow().plan().list().get(0);
    assertThat(fault.after()).isEqualTo(3);
    assertThat(fault.status()).hasValue(150);
    started.result().stop();
  }

  @Test
  void a_status_on_a_fault_that_is_no_refusal_is_named_with_its_key() throws Exception {
    Future<Radios> started =
        start(
            "{\"ble\":{\"driver\":\"simulated\",\"faults\":[{\"fault\":\"timeout\",\"status\":128}]}}");

    assertThat(started.cause().getMessage())
        .startsWith("config key 'radios.ble.faults[0].status'")
        .contains("only a 'refused' fault");
  }

  @Test
  void faults_with_fault_injection_turned_off_are_refused() throws Exception {
    Future<Radios> started =
        start(
            "{\"ble\":{\"driver\":\"simulated\",\"faultInjection\":false,"
                + "\"faults\":[{\"fault\":\"timeout\"}]}}");

    assertThat(started.cause().getMessage())
        .startsWith("config key 'radios.ble.faultInjection' is false, but latencyMs or faults");
  }
}
