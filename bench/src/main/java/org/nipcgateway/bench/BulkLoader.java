package org.nipcgateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds a large registry through SCIM {@code POST /Bulk} (RFC 7644, section 3.7): the same devices
 * as {@link DeviceLoader}, {@code perRequest} creates in one request, from {@code clients} threads.
 * Every device still goes through the gateway's validation, uniqueness checks and store as one
 * create of its own; only the HTTP round trips are shared, which is what makes 100,000 devices take
 * minutes rather than most of an hour.
 */
final class BulkLoader {
  private static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

  private final Http http;
  private final String base;
  private final String token;

  BulkLoader(Http http, String base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /**
   * Creates devices 0 to {@code count - 1}, sending no further request once {@code budget} has
   * passed (a gateway short of heap slows down by orders of magnitude rather than failing). The
   * load result counts devices (its rate is devices per second, its errors devices not created) and
   * the latency of the bulk requests sent.
   */
  DeviceLoader.Loaded create(int count, int perRequest, int clients, Duration budget) {
    String[] ids = new String[count];
    int requests = (count + perRequest - 1) / perRequest;
    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicLong created = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      workers.add(
          pool.submit(
              () -> {
                for (int r = next.getAndIncrement();
                    r < requests && System.nanoTime() < deadline;
                    r = next.getAndIncrement()) {
                  int from = r * perRequest;
                  int to = Math.min(count, from + perRequest);
                  long sent = System.nanoTime();
                  Http.Reply reply =
                      http.send(
                          "POST",
                          base + "/scim/v2/Bulk",
                          token,
                          "application/scim+json",
                          request(from, to));
                  latencies[r] = System.nanoTime() - sent;
                  created.addAndGet(record(reply, from, ids));
                }
              }));
    }
    for (Future<?> worker : workers) {
      try {
        worker.get();
      } catch (Exception e) {
        throw new IllegalStateException("bulk seeding failed", e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] answered = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    LoadResult load =
        new LoadResult(
            created.get(),
            seconds,
            DeviceLoader.percentileMs(answered, 50),
            DeviceLoader.percentileMs(answered, 99),
            DeviceLoader.percentileMs(answered, 99.9),
            count - created.get());
    return new DeviceLoader.Loaded(Arrays.asList(ids), load);
  }

  private static String request(int from, int to) {
    JsonArray operations = new JsonArray();
    for (int i = from; i < to; i++) {
      operations.add(
          new JsonObject()
              .put("method", "POST")
              .put("path", "/Devices")
              .put("bulkId", "d" + i)
              .put("data", DeviceLoader.device(i)));
    }
    return new JsonObject()
        .put("schemas", new JsonArray().add(BULK_REQUEST))
        .put("Operations", operations)
        .encode();
  }

  /** Notes the id of each device created (the last segment of its location); answers how many. */
  private static int record(Http.Reply reply, int from, String[] ids) {
    if (!reply.ok()) {
      System.err.printf(
          "warning: bulk from device %d answered %d: %.300s%n", from, reply.status(), reply.body());
      return 0;
    }
    JsonArray results = new JsonObject(reply.body()).getJsonArray("Operations", new JsonArray());
    int created = 0;
    for (int k = 0; k < results.size(); k++) {
      JsonObject result = results.getJsonObject(k);
      String status = String.valueOf(result.getValue("status"));
      String location = result.getString("location");
      if (status.startsWith("201") && location != null) {
        ids[from + k] = location.substring(location.lastIndexOf('/') + 1);
        created++;
      }
    }
    return created;
  }
}
