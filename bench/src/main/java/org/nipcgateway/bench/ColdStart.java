package org.nipcgateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Time from starting a server's JVM to its first 2xx answer, the way an access point experiences a
 * reboot: a new process each time (for the gateway, on an empty data dir), polled every 20 ms.
 */
final class ColdStart {
  private final Http http;

  ColdStart(Http http) {
    this.http = http;
  }

  /**
   * Starts {@code times} servers one after the other and returns each one's milliseconds to
   * healthy, or -1 for one that never answered 2xx within two minutes.
   *
   * @param start starts the server for a run number on a given port
   */
  List<Long> measure(int times, String path, BiFunction<Integer, Integer, ServerProcess> start) {
    List<Long> millis = new ArrayList<>();
    for (int run = 0; run < times; run++) {
      int port = freePort();
      long begin = System.nanoTime();
      ServerProcess server = start.apply(run, port);
      try {
        millis.add(untilHealthy("http://127.0.0.1:" + port + path, begin));
      } finally {
        server.close();
      }
    }
    return millis;
  }

  private long untilHealthy(String url, long begin) {
    long deadline = begin + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (http.get(url, null).ok()) {
        return (System.nanoTime() - begin) / 1_000_000;
      }
      try {
        Thread.sleep(20); // polling a process we do not control; there is nothing to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
