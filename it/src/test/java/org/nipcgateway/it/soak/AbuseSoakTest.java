package org.nipcgateway.it.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.RunningGateway;

/**
 * One abusive client without credentials (idle TLS connections, slowloris, TLS renegotiation
 * attempts, requests with broken escapes, each from its own loopback address) while a well-behaved
 * client reads a device with its token over HTTPS (issue 15, acceptance). Every read must succeed
 * with and without the abuse; the latency is printed, not asserted (a loaded 2-core machine moves
 * it). About 30 s; runs with {@code mvn verify}.
 */
@Tag("soak")
class AbuseSoakTest {
  private static final Duration QUIET = Duration.ofSeconds(8);
  private static final Duration ABUSED = Duration.ofSeconds(15);

  /** What the well-behaved client saw in one phase. */
  private record Phase(int requests, int ok, List<Long> micros) {
    double successRate() {
      return requests == 0 ? 0 : 100.0 * ok / requests;
    }

    double percentileMs(double p) {
      List<Long> sorted = new ArrayList<>(micros);
      Collections.sort(sorted);
      return sorted.isEmpty()
          ? 0
          : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1))
              / 1000.0;
    }

    String describe() {
      return String.format(
          "%d reads, %.2f %% ok, p50 %.1f ms, p99 %.1f ms",
          requests, successRate(), percentileMs(0.50), percentileMs(0.99));
    }
  }

  @Test
  void authenticated_reads_all_succeed_while_an_anonymous_client_abuses_the_connections()
      throws Exception {
    JsonObject security =
        new JsonObject()
            .put("tlsHandshakeTimeoutMs", 2000)
            .put("requestHeadTimeoutMs", 2000)
            .put("requestBodyTimeoutMs", 2000)
            .put("idleTimeoutMs", 5000)
            .put("malformedRequests", new JsonObject().put("perSecond", 5).put("burst", 20));
    try (RunningGateway gateway =
        RunningGateway.startTls(GatewayConfig.builder().moduleSettings("security", security))) {
      String device =
          gateway.scim().create("/Devices", Devices.ble("soak", 0x77)).path("id").asText();
      URI read = URI.create(gateway.base() + "/scim/v2/Devices/" + device);
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(gateway.trust())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      reads(client, read, gateway.operatorToken(), Duration.ofSeconds(2)); // warm-up
      Phase quiet = reads(client, read, gateway.operatorToken(), QUIET);

      Abuser abuser = new Abuser(gateway.port(), gateway.trust());
      abuser.start();
      Phase abused;
      try {
        abused = reads(client, read, gateway.operatorToken(), ABUSED);
      } finally {
        abuser.stop();
      }
      System.out.printf(
          "abuse soak: without abuse %s; with abuse %s; abuser: %s%n",
          quiet.describe(), abused.describe(), abuser.describe());
      assertThat(quiet.successRate()).isEqualTo(100.0);
      assertThat(abused.successRate()).as(abused.describe()).isEqualTo(100.0);
      assertThat(abuser.closedByServer.get()).as(abuser.describe()).isPositive();
      assertThat(gateway.anonymous().get("/health").status()).isEqualTo(200);
    }
  }

  /** Two well-behaved clients reading one after another for the duration. */
  private static Phase reads(HttpClient client, URI uri, String token, Duration duration)
      throws InterruptedException {
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread =
          new Thread(
              () -> {
                HttpRequest request =
                    HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10))
                        .build();
                while (System.nanoTime() < end) {
                  long started = System.nanoTime();
                  requests.incrementAndGet();
                  try {
                    int status =
                        client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    if (status == 200) {
                      ok.incrementAndGet();
                    }
                  } catch (IOException e) {
                    // counted as a failure
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  micros.add((System.nanoTime() - started) / 1000);
                }
              },
              "well-behaved-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Phase(requests.get(), ok.get(), List.copyOf(micros));
  }

  /** The abusive client: four kinds of abuse, each from its own loopback address. */
  private static final class Abuser {
    private final int port;
    private final SSLContext tls;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    final AtomicInteger renegotiations = new AtomicInteger();
    final AtomicInteger brokenRequests = new AtomicInteger();

    Abuser(int port, SSLContext tls) {
      this.port = port;
      this.tls = tls;
    }

    void start() {
      spawn("idle-tls", () -> idleConnections("127.0.0.2"));
      spawn("slowloris", () -> slowloris("127.0.0.3"));
      spawn("renegotiation", () -> renegotiations("127.0.0.4"));
      spawn("broken-escapes", () -> brokenEscapes("127.0.0.5"));
    }

    private void spawn(String name, Runnable body) {
      Thread thread = new Thread(body, "abuser-" + name);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }

    void stop() throws InterruptedException {
      running.set(false);
      synchronized (held) {
        for (Socket socket : held) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
      for (Thread thread : threads) {
        thread.join(10_000);
      }
    }

    String describe() {
      return String.format(
          "%d connections opened, %d closed by the gateway, %d renegotiations tried, %d broken"
              + " requests sent",
          opened.get(), closedByServer.get(), renegotiations.get(), brokenRequests.get());
    }

    private Socket plain(String from) throws IOException {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      opened.incrementAndGet();
      return socket;
    }

    private SSLSocket tls(String from) throws IOException {
      return (SSLSocket) tls.getSocketFactory().createSocket(plain(from), "127.0.0.1", port, true);
    }

    /** Opens connections (half with a TLS handshake, half without) and never sends a request. */
    private void idleConnections(String from) {
      int n = 0;
      while (running.get()) {
        try {
          Socket socket = n++ % 2 == 0 ? plain(from) : tls(from);
          if (socket instanceof SSLSocket ssl) {
            ssl.startHandshake();
          }
          held.add(socket);
          watchForClose(socket);
        } catch (IOException e) {
          closedByServer.incrementAndGet();
        }
        pause(20);
      }
    }

    /** Keeps request heads coming a line at a time on 40 TLS connections. */
    private void slowloris(String from) {
      List<Socket> slow = new ArrayList<>();
      while (running.get()) {
        try {
          while (slow.size() < 40 && running.get()) {
            SSLSocket socket = tls(from);
            socket.startHandshake();
            send(socket, "GET /health HTTP/1.1\r\nHost: x\r\n");
            slow.add(socket);
            held.add(socket);
          }
        } catch (IOException e) {
          closedByServer.incrementAndGet();
        }
        for (Socket socket : List.copyOf(slow)) {
          try {
            send(socket, "X-Slow: " + System.nanoTime() + "\r\n");
          } catch (IOException e) {
            closedByServer.incrementAndGet();
            slow.remove(socket);
          }
        }
        pause(300);
      }
    }

    /** TLS 1.2 handshakes followed by a client-initiated renegotiation, again and again. */
    private void renegotiations(String from) {
      while (running.get()) {
        try (SSLSocket socket = tls(from)) {
          socket.setEnabledProtocols(new String[] {"TLSv1.2"});
          socket.setSoTimeout(2_000);
          socket.startHandshake();
          renegotiations.incrementAndGet();
          socket.startHandshake();
          send(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
          if (socket.getInputStream().read() < 0) {
            closedByServer.incrementAndGet();
          }
        } catch (IOException e) {
          closedByServer.incrementAndGet();
        }
        pause(5);
      }
    }

    /** Requests with a broken percent escape, on keep-alive TLS connections, as fast as it can. */
    private void brokenEscapes(String from) {
      while (running.get()) {
        try (SSLSocket socket = tls(from)) {
          socket.setSoTimeout(2_000);
          byte[] buffer = new byte[4096];
          while (running.get()) {
            send(socket, "GET /x%d HTTP/1.1\r\nHost: x\r\n\r\n");
            brokenRequests.incrementAndGet();
            if (socket.getInputStream().read(buffer) < 0) {
              closedByServer.incrementAndGet();
              break;
            }
          }
        } catch (IOException e) {
          closedByServer.incrementAndGet();
        }
        pause(5);
      }
    }

    /** Counts the gateway closing a held connection (a read that ends). */
    private void watchForClose(Socket socket) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  if (socket.getInputStream().read() < 0) {
                    closedByServer.incrementAndGet();
                  }
                } catch (IOException e) {
                  if (running.get()) {
                    closedByServer.incrementAndGet();
                  }
                }
              },
              "abuser-watch");
      watcher.setDaemon(true);
      watcher.start();
    }

    private static void send(Socket socket, String text) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    private void pause(long ms) {
      try {
        Thread.sleep(ms); // the abuser's pace, not synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.set(false);
      }
    }
  }
}
