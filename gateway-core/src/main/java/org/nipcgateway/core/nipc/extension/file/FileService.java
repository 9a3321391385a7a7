package org.nipcgateway.core.nipc.extension.file;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nipcgateway.core.nipc.extension.blob.BlobWriter;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files to device properties (the File extension): checks the device and property at once,
 * then in the background fetches the file, checks its size and SHA-256, and writes it in pieces
 * with {@link BlobWriter}. A failure at any step is extension-firmware-update-failed with what
 * failed in its detail; nothing is written when the download or the checksum fails. Jobs are kept
 * in memory (the last {@value #KEPT}), not across a restart.
 */
public final class FileService {
  private static final Logger LOG = LoggerFactory.getLogger(FileService.class);
  private static final int KEPT = 1000;

  private final Affordances affordances;
  private final BlobWriter writer;
  private final FileFetcher fetcher;
  private final ExtensionOperations callbacks;
  private final Map<String, FileJob> jobs = new LinkedHashMap<>();

  public FileService(
      Vertx vertx,
      Affordances affordances,
      BlobWriter writer,
      FileSettings settings,
      ExtensionOperations callbacks) {
    this.affordances = affordances;
    this.callbacks = callbacks;
    this.writer = writer;
    this.fetcher = new FileFetcher(vertx, settings);
  }

  /**
   * Starts writing the file; fails at once (nothing fetched) when the device or property is unknown
   * or the property not writable. The job's outcome is to be read with {@link #job}.
   */
  public Future<FileJob> start(String deviceId, String property, FileRequest request) {
    return check(deviceId, property)
        .map(
            v -> {
              FileJob job = new FileJob(UUID.randomUUID().toString(), deviceId, property);
              keep(job);
              write(job, request)
                  .onComplete(
                      done -> {
                        NipcException problem = problem(done.cause());
                        job.finish(problem);
                        if (problem != null) {
                          callbacks.sendProblem(
                              "file", deviceId, job.instanceId(), request.callback(), problem);
                        } else {
                          callbacks.sendResult(
                              "file",
                              deviceId,
                              job.instanceId(),
                              request.callback(),
                              new JsonObject().put("property", property).put("status", 204));
                        }
                      });
              return job;
            });
  }

  /** Runs the whole write and completes when it is done: for a Bulk operation. */
  public Future<Void> run(String deviceId, String property, FileRequest request) {
    return check(deviceId, property)
        .compose(
            v ->
                write(new FileJob("", deviceId, property), request)
                    .recover(e -> Future.failedFuture(problem(e))));
  }

  /** The job with that instance id on that device and property. */
  public synchronized Optional<FileJob> job(String deviceId, String property, String instanceId) {
    return Optional.ofNullable(jobs.get(instanceId))
        .filter(j -> j.deviceId().equals(deviceId) && j.property().equals(property));
  }

  /** Forgets the jobs of devices deleted from the registry. */
  public synchronized void forget(java.util.Set<String> deviceIds) {
    jobs.values().removeIf(j -> deviceIds.contains(j.deviceId()));
  }

  private Future<Void> check(String deviceId, String property) {
    return affordances.device(deviceId).compose(device -> writer.writable(device, property));
  }

  private Future<Void> write(FileJob job, FileRequest request) {
    return fetcher
        .fetch(request.fileUrl(), request.headers())
        .compose(
            file -> {
              request.sha256().ifPresent(expected -> checkSum(request, file, expected));
              return affordances
                  .device(job.deviceId())
                  .compose(
                      device -> writer.write(device, job.property(), file, request.chunkSize()));
            });
  }

  private static void checkSum(FileRequest request, byte[] file, byte[] expected) {
    byte[] actual;
    try {
      actual = MessageDigest.getInstance("SHA-256").digest(file);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    if (!MessageDigest.isEqual(actual, expected)) {
      throw FileFetcher.failed(
          "the SHA-256 of the file at "
              + request.fileUrl()
              + " is "
              + HexFormat.of().formatHex(actual)
              + ", not the sha256Checksum given; nothing was written");
    }
  }

  /** What a failed job reports: the firmware problem, with the cause's detail. */
  private static NipcException problem(Throwable failure) {
    if (failure == null) {
      return null;
    }
    if (failure instanceof NipcException nipc) {
      return nipc.problem()
              .filter(p -> p == NipcProblem.EXTENSION_FIRMWARE_UPDATE_FAILED)
              .isPresent()
          ? nipc
          : FileFetcher.failed("writing the file failed: " + nipc.getMessage());
    }
    LOG.error("File write failed unexpectedly", failure);
    return FileFetcher.failed("writing the file failed in the gateway");
  }

  private synchronized void keep(FileJob job) {
    jobs.put(job.instanceId(), job);
    var oldest = jobs.keySet().iterator();
    while (jobs.size() > KEPT && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }
}
