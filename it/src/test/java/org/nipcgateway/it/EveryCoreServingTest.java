package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.World;

/**
 * HTTP served on two event loops ({@code http.eventLoops: 2}, decisions §47): many clients, each on
 * connections of its own, so that Vert.x spreads them over both loops, while the registry and the
 * engine keep their one-thread guarantees. Were requests not handed to the engine's context, the
 * registry's check-then-commit and the engine's plain fields would be raced from two threads.
 */
class EveryCoreServingTest {
  private static final int DEVICES = 8;
  private static final int CLIENTS = 12;
  private static final String BATTERY = "https://example.com/battery#/sdfObject/battery";
  private static final String LEVEL = BATTERY + "/sdfProperty/level";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(peripherals(), config -> config.httpEventLoops(2));

  private static final List<String> devices = new ArrayList<>();

  /** Clients with a connection pool each, so that they do not share connections. */
  private static final List<ScimClient> clients = new ArrayList<>();

  private static World peripherals() {
    JsonObject[] all = new JsonObject[DEVICES];
    for (int i = 0; i < DEVICES; i++) {
      all[i] =
          BlePeripheral.at(
              Devices.mac(0x100 + i), characteristic("180F", "2A19", "AA==", "read", "write"));
    }
    return World.empty().withBleSlots(DEVICES).withPeripherals(all);
  }

  @BeforeAll
  static void registerModelAndDevices() {
    ScimClient scim = gateway.scim();
    String battery =
        "{\"namespace\":{\"b\":\"https://example.com/battery\"},\"defaultNamespace\":\"b\","
            + "\"sdfObject\":{\"battery\":{\"sdfProperty\":{\"level\":{\"type\":\"integer\","
            + "\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"180f\",\"characteristicID\":\"2a19\"}}}}}}}";
    assertThat(
            scim.post("/nipc/registrations/models", battery, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    devices.clear();
    clients.clear();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(
          new ScimClient(
              scim.base(),
              HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
              scim.token()));
    }
    for (int i = 0; i < DEVICES; i++) {
      ObjectNode body = Devices.bleWithoutPairing("battery " + i, Devices.mac(0x100 + i));
      Devices.withModel(body, BATTERY);
      devices.add(scim.create("/Devices", body).path("id").asText());
    }
  }

  @Test
  void concurrent_writes_and_reads_from_many_connections_each_read_back_their_own_value()
      throws Exception {
    List<Callable<Void>> writers = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      String device = devices.get(i);
      ScimClient scim = clients.get(i);
      writers.add(
          () -> {
            for (int round = 0; round < 40; round++) {
              String value = Base64.getEncoder().encodeToString(new byte[] {(byte) round});
              Reply written =
                  scim.put(
                      properties(device),
                      "[{\"property\":\"" + LEVEL + "\",\"value\":\"" + value + "\"}]",
                      "Content-Type",
                      "application/nipc+json");
              assertThat(written.status()).as(written.text()).isEqualTo(200);
              assertThat(written.json().get(0).path("status").asInt()).isEqualTo(200);
              Reply read =
                  scim.get(properties(device) + "?propertyName=" + ScimClient.encode(LEVEL));
              assertThat(read.status()).as(read.text()).isEqualTo(200);
              assertThat(read.json().get(0).path("value").asText()).isEqualTo(value);
              assertThat(scim.get("/health").status()).isEqualTo(200);
            }
            return null;
          });
    }
    runAllAtOnce(writers);
  }

  @Test
  void concurrent_creates_of_one_mac_address_from_many_connections_store_exactly_one_device()
      throws Exception {
    int contenders = CLIENTS;
    for (int mac = 0; mac < 6; mac++) {
      String address = Devices.mac(0x200 + mac);
      List<Callable<Integer>> creates = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String name = "contender " + mac + "/" + i;
        ScimClient scim = clients.get(i);
        creates.add(
            () -> scim.post("/scim/v2/Devices", Devices.bleWithoutPairing(name, address)).status());
      }
      List<Integer> statuses = runAllAtOnce(creates);

      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(contenders - 1);
      assertThat(storedWith(address)).isEqualTo(1);
    }
  }

  @Test
  void over_tls_clients_on_many_connections_are_all_answered() throws Exception {
    try (RunningGateway tls = RunningGateway.startTls(GatewayConfig.builder().httpEventLoops(2))) {
      List<Callable<Void>> callers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        // HTTP/1.1: the server offers no ALPN, so TLS connections never become HTTP/2.
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls.trust())
                .build();
        callers.add(
            () -> {
              for (int round = 0; round < 30; round++) {
                HttpResponse<String> answer =
                    http.send(
                        HttpRequest.newBuilder(URI.create(tls.base() + "/scim/v2/Devices"))
                            .header("Authorization", "Bearer " + tls.operatorToken())
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("ListResponse");
              }
              return null;
            });
      }
      runAllAtOnce(callers);
    }
  }

  @Test
  void connections_closed_at_once_on_the_other_loop_leave_no_count_behind() throws Exception {
    try (RunningGateway small =
        RunningGateway.start(
            GatewayConfig.builder()
                .httpEventLoops(2)
                .moduleSettings("security", new JsonObject().put("maxConnectionsPerAddress", 4)))) {
      // Closed before the engine may have counted them: each close must still be counted.
      for (int i = 0; i < 200; i++) {
        new java.net.Socket("127.0.0.1", small.port()).close();
      }
      // The closes reach the engine a little after they happened; then four fit again.
      Eventually.eventually("four connections from one address served", () -> fourServed(small));
    }
  }

  private static boolean fourServed(RunningGateway gateway) {
    List<java.net.Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port());
        held.add(socket);
        socket
            .getOutputStream()
            .write(
                "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] head = socket.getInputStream().readNBytes(12);
        if (!"HTTP/1.1 200".equals(new String(head, java.nio.charset.StandardCharsets.US_ASCII))) {
          return false;
        }
      }
      return true;
    } catch (java.io.IOException e) {
      return false;
    } finally {
      for (java.net.Socket socket : held) {
        try {
          socket.close();
        } catch (java.io.IOException e) {
          // closing a socket the gateway already closed
        }
      }
    }
  }

  private static long storedWith(String address) {
    long count = 0;
    for (JsonNode device : gateway.scim().list("/Devices", "").path("Resources")) {
      if (address.equals(device.path(Devices.BLE).path("deviceMacAddress").asText())) {
        count++;
      }
    }
    return count;
  }

  private static String properties(String device) {
    return "/nipc/devices/" + device + "/properties";
  }

  /** Starts every task at the same moment (a barrier), then waits for all of them. */
  private static <T> List<T> runAllAtOnce(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CyclicBarrier start = new CyclicBarrier(tasks.size());
      List<Future<T>> running = new ArrayList<>();
      for (Callable<T> task : tasks) {
        running.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : running) {
        results.add(result.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
