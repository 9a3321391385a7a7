package org.nipcgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data app's MQTT client: Debian's {@code mosquitto_sub} subscribed at QoS 1 on the load
 * generator's CPU, printing each message as hex. Every DataBatch (CBOR) is decoded as it arrives
 * and its counter notifications go to the current {@link CounterTally}, which each step replaces.
 */
final class MqttCounter implements AutoCloseable {
  private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());
  private final Process process;
  private final CompletableFuture<Integer> granted = new CompletableFuture<>();
  private final AtomicReference<CounterTally> tally = new AtomicReference<>(new CounterTally());
  private volatile long undecodable;

  private MqttCounter(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "mosquitto_sub-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static boolean available() {
    try {
      return new ProcessBuilder("mosquitto_sub", "--help").start().waitFor() >= 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static MqttCounter start(Pinning pinning, int port, String user, String password, String topic)
      throws IOException {
    List<String> command =
        pinning.client(
            List.of(
                "stdbuf",
                "-oL", // line-buffered: through a pipe it would hold its output
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-u",
                user,
                "-P",
                password,
                "-t",
                topic,
                "-q",
                "1",
                "-d",
                "-F",
                "MSG %x"));
    return new MqttCounter(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Waits for the broker's SUBACK; answers the QoS granted (128: refused), or -1. */
  int granted() {
    try {
      return granted.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return -1;
    }
  }

  /** Starts a fresh tally and answers the one that ends. */
  CounterTally nextTally() {
    return tally.getAndSet(new CounterTally());
  }

  CounterTally tally() {
    return tally.get();
  }

  long undecodable() {
    return undecodable;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("MSG ")) {
          count(line.substring(4).trim(), System.nanoTime());
        } else if (line.startsWith("Subscribed")) {
          granted.complete(Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1).trim()));
        }
      }
    } catch (IOException e) {
      // mosquitto_sub ended; the tallies keep what arrived.
    }
    granted.complete(-1);
  }

  private void count(String hex, long nanos) {
    try {
      CounterTally current = tally.get();
      for (JsonNode item : cbor.readTree(HexFormat.of().parseHex(hex))) {
        if (item.has("bleSubscription") && item.has("data")) {
          byte[] data = item.get("data").binaryValue();
          long counter = 0;
          for (int b = Math.min(4, data.length) - 1; b >= 0; b--) {
            counter = (counter << 8) | (data[b] & 0xff); // uint32, little-endian
          }
          current.add(item.path("deviceID").asText(), counter, nanos);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      undecodable++;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
