package org.nipcgateway.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the registry through the SCIM API the way provisioning tools do: {@code clients} threads,
 * each creating its next BLE device as soon as the previous one was acknowledged. The devices are
 * numbered, and device {@code i} has MAC address {@link #mac(int)}.
 */
final class DeviceLoader {
  /** The devices created, in number order, and the creates measured as a load run. */
  record Loaded(List<String> ids, LoadResult creates) {}

  private final Http http;
  private final String base;
  private final String token;

  DeviceLoader(Http http, String base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  static String mac(int i) {
    return String.format("02:BE:00:%02X:%02X:%02X", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  }

  Loaded create(int count, int clients) {
    String[] ids = new String[count];
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  long sent = System.nanoTime();
                  Http.Reply reply =
                      http.send(
                          "POST",
                          base + "/scim/v2/Devices",
                          token,
                          "application/scim+json",
                          device(i).encode());
                  latencies[i] = System.nanoTime() - sent;
                  if (reply.ok()) {
                    ids[i] = new JsonObject(reply.body()).getString("id");
                  } else {
                    errors.incrementAndGet();
                  }
                }
              }));
    }
    for (Future<?> worker : workers) {
      try {
        worker.get();
      } catch (Exception e) {
        throw new IllegalStateException("device creation failed", e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    LoadResult creates =
        new LoadResult(
            count - errors.get(),
            seconds,
            percentileMs(latencies, 50),
            percentileMs(latencies, 99),
            percentileMs(latencies, 99.9),
            errors.get());
    return new Loaded(Arrays.asList(ids), creates);
  }

  static double percentileMs(long[] sortedNanos, double percent) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, index)] / 1e6;
  }

  /** The SCIM device numbered {@code i}, as JSON. */
  static JsonObject device(int i) {
    return new JsonObject()
        .put(
            "schemas",
            List.of(
                "urn:ietf:params:scim:schemas:core:2.0:Device",
                "urn:ietf:params:scim:schemas:extension:ble:2.0:Device"))
        .put("displayName", "Bench device " + i)
        .put("active", true)
        .put(
            "urn:ietf:params:scim:schemas:extension:ble:2.0:Device",
            new JsonObject()
                .put("versionSupport", List.of("5.3"))
                .put("deviceMacAddress", mac(i))
                .put(
                    "pairingMethods",
                    List.of("urn:ietf:params:scim:schemas:extension:pairingJustWorks:2.0:Device")));
  }
}
