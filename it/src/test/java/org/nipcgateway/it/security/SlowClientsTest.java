package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.RunningGateway;

/**
 * Clients that hold connections without finishing anything are closed, and one address cannot take
 * the connections others need (issue 15, finding 2). Real slow clients on loopback, each bounded to
 * a few seconds by short timeouts in the test's configuration.
 */
class SlowClientsTest {
  private static final long CLOSED_WITHIN_MS = 6_000;

  private static RunningGateway start(JsonObject security) {
    return RunningGateway.start(GatewayConfig.builder().moduleSettings("security", security));
  }

  private static Socket connect(int port, String fromAddress) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(fromAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads until the server closes the connection; fails if it stays open longer than the bound.
   * Returns how many bytes came.
   */
  private static long readUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout((int) CLOSED_WITHIN_MS);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open", e);
    } catch (SocketException reset) {
      // a reset is a close too
    }
    return total;
  }

  @Test
  void a_request_head_sent_a_byte_at_a_time_is_cut_off() throws Exception {
    try (RunningGateway gateway = start(new JsonObject().put("requestHeadTimeoutMs", 1000));
        Socket socket = connect(gateway.port(), "127.0.0.1")) {
      long started = System.nanoTime();
      send(socket, "GET /health HTTP/1.1\r\nHost: x\r\n");
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        Thread.sleep(200); // the slow client's pace, not synchronisation
        try {
          send(socket, "X-" + i + ": y\r\n");
        } catch (IOException e) {
          closed = true;
        }
      }
      if (!closed) {
        readUntilClosed(socket);
      }
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(CLOSED_WITHIN_MS);
    }
  }

  @Test
  void a_connection_that_never_sends_a_request_is_closed() throws Exception {
    try (RunningGateway gateway = start(new JsonObject().put("requestHeadTimeoutMs", 1000));
        Socket socket = connect(gateway.port(), "127.0.0.1")) {
      assertThat(readUntilClosed(socket)).isZero();
    }
  }

  @Test
  void a_body_that_trickles_in_is_cut_off() throws Exception {
    try (RunningGateway gateway = start(new JsonObject().put("requestBodyTimeoutMs", 1000));
        Socket socket = connect(gateway.port(), "127.0.0.1")) {
      send(
          socket,
          "POST /scim/v2/Devices HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + gateway.operatorToken()
              + "\r\nContent-Type: application/scim+json\r\nContent-Length: 1000\r\n\r\n{");
      long started = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        Thread.sleep(200); // the slow client's pace
        try {
          send(socket, " ");
        } catch (IOException e) {
          closed = true;
        }
      }
      if (!closed) {
        readUntilClosed(socket);
      }
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(CLOSED_WITHIN_MS);
    }
  }

  @Test
  void a_client_that_does_not_read_its_answers_is_closed() throws Exception {
    try (RunningGateway gateway = start(new JsonObject().put("idleTimeoutMs", 1000))) {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
      try (socket) {
        String request = "GET /openapi.yaml HTTP/1.1\r\nHost: x\r\n\r\n";
        int requests = 300;
        send(socket, request.repeat(requests));
        Thread.sleep(3_000); // reading nothing is what this client does
        long size = gateway.anonymous().get("/openapi.yaml").text().length();
        assertThat(readUntilClosed(socket)).isLessThan(size * requests / 2);
      }
    }
  }

  @Test
  void a_tls_connection_without_a_handshake_is_closed() throws Exception {
    try (RunningGateway gateway =
            RunningGateway.startTls(
                GatewayConfig.builder()
                    .moduleSettings(
                        "security", new JsonObject().put("tlsHandshakeTimeoutMs", 1000)));
        Socket socket = connect(gateway.port(), "127.0.0.1")) {
      assertThat(readUntilClosed(socket)).isZero();
    }
  }

  @Test
  void an_idle_tls_connection_after_its_handshake_is_closed() throws Exception {
    try (RunningGateway gateway =
            RunningGateway.startTls(
                GatewayConfig.builder()
                    .moduleSettings(
                        "security", new JsonObject().put("requestHeadTimeoutMs", 1000)));
        SSLSocket socket =
            (SSLSocket)
                gateway.trust().getSocketFactory().createSocket("127.0.0.1", gateway.port())) {
      socket.startHandshake();
      assertThat(readUntilClosed(socket)).isZero();
    }
  }

  @Test
  void one_address_cannot_take_the_connections_that_health_probes_and_callers_need()
      throws Exception {
    JsonObject security =
        new JsonObject()
            .put("maxConnections", 8)
            .put("reservedConnections", 3)
            .put("maxConnectionsPerAddress", 4);
    try (RunningGateway gateway = start(security)) {
      List<Socket> abusive = new ArrayList<>();
      try {
        for (String from : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
          for (int i = 0; i < 6; i++) {
            abusive.add(connect(gateway.port(), from));
          }
        }
        int closed = 0;
        for (Socket socket : abusive) {
          socket.setSoTimeout(500);
          try {
            closed += socket.getInputStream().read() < 0 ? 1 : 0;
          } catch (SocketTimeoutException stillOpen) {
            // held open: within the anonymous share
          } catch (SocketException reset) {
            closed++;
          }
        }
        // 18 opened, at most 5 anonymous ones may stay: over the per-address limit and beyond
        // the anonymous share the oldest were closed.
        assertThat(closed).isGreaterThanOrEqualTo(18 - 5);
        assertThat(gateway.anonymous().get("/health").status()).isEqualTo(200);
        assertThat(gateway.scim().get("/scim/v2/Devices").status()).isEqualTo(200);
      } finally {
        for (Socket socket : abusive) {
          socket.close();
        }
      }
    }
  }
}
