package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * How the gateway speaks HTTP: clients that offer a cleartext HTTP/2 upgrade (the JDK's does by
 * default) still get answers, and responses are compressed only where the operator turned it on.
 */
class HttpProtocolTest {
  private static HttpResponse<byte[]> listAcceptingGzip(RunningGateway gateway) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + gateway.port() + "/scim/v2/Devices?count=1000"))
                .header("Authorization", "Bearer " + gateway.operatorToken())
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void createDevices(RunningGateway gateway, int count) {
    ScimClient setup = gateway.scim();
    for (int i = 0; i < count; i++) {
      setup.create("/Devices", Devices.ble("device " + i, i));
    }
  }

  @Test
  void responses_are_not_compressed_by_default_even_for_a_client_that_accepts_gzip()
      throws Exception {
    try (RunningGateway gateway = RunningGateway.start()) {
      createDevices(gateway, 20);
      HttpResponse<byte[]> list = listAcceptingGzip(gateway);

      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(ScimClient.JSON.readTree(list.body()).path("totalResults").asInt()).isEqualTo(20);
    }
  }

  @Test
  void with_compression_turned_on_a_client_that_accepts_gzip_gets_the_same_answer_gzipped()
      throws Exception {
    try (RunningGateway gateway =
        RunningGateway.start(GatewayConfig.builder().httpCompression(true))) {
      createDevices(gateway, 20);
      HttpResponse<byte[]> list = listAcceptingGzip(gateway);

      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.headers().firstValue("Content-Encoding")).hasValue("gzip");
      try (java.util.zip.GZIPInputStream unzipped =
          new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(list.body()))) {
        assertThat(ScimClient.JSON.readTree(unzipped).path("totalResults").asInt()).isEqualTo(20);
      }
    }
  }

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
