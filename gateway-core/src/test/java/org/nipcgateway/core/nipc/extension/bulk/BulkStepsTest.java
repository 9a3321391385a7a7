package org.nipcgateway.core.nipc.extension.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.nipc.problem.NipcException;

class BulkStepsTest {
  private final List<String> named = new ArrayList<>();
  private final BulkSteps steps =
      new BulkSteps()
          .add(
              "GET",
              "/devices/{id}/properties",
              "propertyName",
              (device, name, data) -> {
                named.add(device + " " + name);
                return () -> Future.succeededFuture(new JsonObject());
              })
          .add(
              "POST",
              "/devices/{id}/actions",
              "actionName",
              (device, name, data) -> {
                named.add(device + " " + name);
                return () -> Future.succeededFuture(new JsonObject());
              });

  @Test
  void paths_relative_to_the_base_or_under_nipc_name_their_decoded_affordance() {
    steps.prepare(
        "d1",
        "GET",
        "/devices/d1/properties?propertyName=https%3A%2F%2Fexample.com%2Ft%23%2FsdfObject%2Ft%2FsdfProperty%2Fx",
        MissingNode.getInstance());
    steps.prepare(
        "d1", "POST", "/nipc/devices/d1/actions/?actionName=a", MissingNode.getInstance());
    assertThat(named)
        .containsExactly("d1 https://example.com/t#/sdfObject/t/sdfProperty/x", "d1 a");
  }

  @Test
  void another_devices_path_an_unknown_operation_and_a_missing_name_are_bad_requests() {
    for (String[] bad :
        new String[][] {
          {"GET", "/devices/d2/properties?propertyName=x"},
          {"PUT", "/devices/d1/properties?propertyName=x"},
          {"GET", "/devices/d1/events?eventName=x"},
          {"GET", "/devices/d1/properties"},
          {"GET", "/devices/d1/properties?other=x"},
          {"GET", "not a path at all ::"},
        }) {
      assertThatThrownBy(() -> steps.prepare("d1", bad[0], bad[1], MissingNode.getInstance()))
          .as(bad[0] + " " + bad[1])
          .isInstanceOfSatisfying(
              NipcException.class, e -> assertThat(e.genericStatus()).isEqualTo(400));
    }
    assertThat(named).isEmpty();
  }
}
