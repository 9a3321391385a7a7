package org.nipcgateway.core.nipc.extension.file;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.nipcgateway.core.nipc.extension.blob.BlobWriter;
import org.nipcgateway.core.nipc.extension.callback.BodyId;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
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
 * failed in its detail; nothing is written when the download or the checksum fails. A device that
 * receives every piece and then refuses the image in its answer to the last one ({@link
 * ImageRefusal}) is extension-firmware-rollback: it keeps the firmware it had. Writes are kept with
 * the other extensions' long operations ({@link ExtensionOperations}: bounded, finished ones for a
 * while), in memory, not across a restart.
 */
public final class FileService {
  private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

  /** The kind of long operation a file write is, as {@link ExtensionOperations} keeps it. */
  static final String KIND = "properties/file";

  private final Affordances affordances;
  private final BlobWriter writer;
  private final FileFetcher fetcher;
  private final ExtensionOperations operations;

  public FileService(
      Vertx vertx,
      Affordances affordances,
      BlobWriter writer,
      FileSettings settings,
      ExtensionOperations operations) {
    this.affordances = affordances;
    this.operations = operations;
    this.writer = writer;
    this.fetcher = new FileFetcher(vertx, settings);
  }

  /**
   * Starts writing the file; fails at once (nothing fetched) when the device or property is unknown
   * or the property not writable, or with 503 when the gateway runs as many extension operations as
   * it keeps. The write's outcome is to be read with {@link #job}.
   */
  public Future<ExtensionOperation> start(String deviceId, String property, FileRequest request) {
    return check(deviceId, property)
        .map(
            v -> {
              ExtensionOperation job =
                  operations.start(deviceId, KIND, property, request.callback(), BodyId.INSTANCE);
              write(deviceId, property, request)
                  .onComplete(
                      done -> {
                        NipcException problem = problem(done.cause());
                        if (problem != null) {
                          operations.fail(job, problem, new JsonObject());
                        } else {
                          operations.complete(
                              job, new JsonObject().put("property", property).put("status", 204));
                        }
                      });
              return job;
            });
  }

  /** Runs the whole write and completes when it is done: for a Bulk operation. */
  public Future<Void> run(String deviceId, String property, FileRequest request) {
    return check(deviceId, property)
        .compose(
            v -> write(deviceId, property, request).recover(e -> Future.failedFuture(problem(e))));
  }

  /** The write with that instance id on that device and property. */
  public Optional<ExtensionOperation> job(String deviceId, String property, String instanceId) {
    return operations.find(deviceId, KIND, property, instanceId);
  }

  private Future<Void> check(String deviceId, String property) {
    return affordances.device(deviceId).compose(device -> writer.writable(device, property));
  }

  private Future<Void> write(String deviceId, String property, FileRequest request) {
    return fetcher
        .fetch(request.fileUrl(), request.headers())
        .compose(
            file -> {
              request.sha256().ifPresent(expected -> checkSum(request, file, expected));
              return affordances
                  .device(deviceId)
                  .compose(
                      device ->
                          writer.write(
                              device,
                              property,
                              file,
                              request.chunkSize(),
                              new ImageRefusal(file.length)));
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

  /**
   * What a failed job reports: a rollback as it is, else the update-failed problem with the cause's
   * detail.
   */
  private static NipcException problem(Throwable failure) {
    if (failure == null) {
      return null;
    }
    if (failure instanceof NipcException nipc) {
      return nipc.problem()
              .filter(
                  p ->
                      p == NipcProblem.EXTENSION_FIRMWARE_UPDATE_FAILED
                          || p == NipcProblem.EXTENSION_FIRMWARE_ROLLBACK)
              .isPresent()
          ? nipc
          : FileFetcher.failed("writing the file failed: " + nipc.getMessage());
    }
    LOG.error("File write failed unexpectedly", failure);
    return FileFetcher.failed("writing the file failed in the gateway");
  }
}
