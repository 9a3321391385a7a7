package org.nipcgateway.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto_sub}, a real third-party MQTT client, subscribed with QoS 1 and
 * printing each message as its topic and hex payload. Started in debug mode so the test can wait
 * for the broker's SUBACK before it makes events happen.
 */
public final class MosquittoSub implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private MosquittoSub(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("reader failed: " + e);
              }
            },
            "mosquitto_sub-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static MosquittoSub start(int port, String user, String password, String topic) {
    return start(port, user, password, topic, List.of());
  }

  /**
   * With a persistent session under a fixed client id ({@code -c -i}): the broker keeps the
   * subscription and what is published for it while this client is away.
   */
  public static MosquittoSub startPersistent(
      int port, String user, String password, String topic, String clientId) {
    return start(port, user, password, topic, List.of("-c", "-i", clientId));
  }

  /** Over TLS, trusting the given CA certificate (PEM). */
  public static MosquittoSub startTls(
      int port, String user, String password, String topic, java.nio.file.Path caFile) {
    return start(port, user, password, topic, List.of("--cafile", caFile.toString()));
  }

  private static MosquittoSub start(
      int port, String user, String password, String topic, List<String> extra) {
    List<String> command =
        new ArrayList<>(
            List.of(
                // Line-buffered: through a pipe it would hold its output until it exits.
                "stdbuf",
                "-oL",
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
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
                "MSG %t %x"));
    command.addAll(extra);
    try {
      return new MosquittoSub(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new IllegalStateException(
          "mosquitto_sub is needed (apt-get install mosquitto-clients)", e);
    }
  }

  /** Waits for the SUBACK and returns the granted QoS (128 means refused). */
  public int granted() {
    Eventually.eventually(
        "mosquitto_sub is subscribed or has given up",
        () -> lines.stream().anyMatch(l -> l.startsWith("Subscribed")) || !process.isAlive());
    return lines.stream()
        .filter(l -> l.startsWith("Subscribed"))
        .findFirst()
        .map(l -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1).trim()))
        .orElseThrow(() -> new AssertionError("no SUBACK: " + lines));
  }

  /** The hex payloads received so far. */
  public List<String> payloads() {
    return messages().stream().map(m -> m[1]).toList();
  }

  /** The messages received so far: topic and hex payload. */
  public List<String[]> messages() {
    List<String[]> messages = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("MSG ")) {
        messages.add(line.substring(4).split(" ", 2));
      }
    }
    return messages;
  }

  /** Waits until the client ended (e.g. refused) and returns everything it printed. */
  public String exited() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("mosquitto_sub still runs: " + lines);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return String.join("\n", lines) + "\nexit " + process.exitValue();
  }

  /**
   * SIGSTOP: the client stays connected but reads and acknowledges nothing, as an app that hangs
   * would; the broker's in-flight window to it fills and the rest is queued.
   */
  public void freeze() {
    try {
      Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).start();
      if (!stop.waitFor(10, TimeUnit.SECONDS) || stop.exitValue() != 0) {
        throw new AssertionError("kill -STOP failed");
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * SIGKILL: the client drops off without a DISCONNECT, as an app losing its network would. (On
   * SIGTERM mosquitto_sub stops printing messages at once, though it may still acknowledge one that
   * arrives while it disconnects: that one would look lost.)
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
