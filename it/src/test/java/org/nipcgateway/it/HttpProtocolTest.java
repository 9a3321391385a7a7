package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/** Clients that offer a cleartext HTTP/2 upgrade (the JDK's does by default) still get answers. */
class HttpProtocolTest {
  @Test
  void a_large_first_response_on_a_connection_offering_h2c_arrives_intact() throws Exception {
    try (RunningGateway gateway = RunningGateway.start()) {
      ScimClient setup = gateway.scim();
      for (int i = 0; i < 300; i++) {
        setup.create("/Devices", Devices.ble("device " + i, i));
      }
      for (int attempt = 0; attempt < 30; attempt++) {
        // A new client each time, so the list is the first request on its connection and
        // carries the upgrade offer.
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> list =
            fresh.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + gateway.port() + "/scim/v2/Devices?count=1000"))
                    .header("Authorization", "Bearer " + gateway.operatorToken())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ScimClient.JSON.readTree(list.body()).path("totalResults").asInt())
            .isEqualTo(300);
      }
    }
  }
}
