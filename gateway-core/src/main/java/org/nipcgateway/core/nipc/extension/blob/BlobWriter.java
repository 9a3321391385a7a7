package org.nipcgateway.core.nipc.extension.blob;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Arrays;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.operation.PropertyService;
import org.nipcgateway.core.nipc.operation.ProtocolMaps;
import org.nipcgateway.core.nipc.operation.RefusalMeaning;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;

/**
 * Writes a value too long for one write to a property, in pieces, one after the other and in order.
 * Over BLE the pieces share one link: the open one (an explicit connection stays as it is), or one
 * opened for the whole series and closed after it, so a peripheral that reassembles by connection
 * sees them all. Used by the Blob and File extensions.
 */
public final class BlobWriter {
  private final PropertyService properties;
  private final BleConnections links;

  public BlobWriter(PropertyService properties, BleConnections links) {
    this.properties = properties;
    this.links = links;
  }

  /**
   * Writes {@code value} in pieces of {@code chunkSize} bytes (the last may be shorter; an empty
   * value is one empty write). Fails before any write when the property is unknown or not writable;
   * a failed piece stops the series and its problem says which piece it was.
   */
  public Future<Void> write(DeviceRecord device, String property, byte[] value, int chunkSize) {
    return write(device, property, value, chunkSize, RefusalMeaning.NONE);
  }

  /**
   * Writes as above; the device's refusal of the last piece, the answer to the series as a whole,
   * is the problem {@code lastPiece} names for it (any other refusal is a failed write).
   */
  public Future<Void> write(
      DeviceRecord device, String property, byte[] value, int chunkSize, RefusalMeaning lastPiece) {
    if (chunkSize < 1) {
      return Future.failedFuture(NipcException.badRequest("the chunk size must be at least 1"));
    }
    return properties
        .writableDefinition(device, property)
        .compose(
            definition -> {
              if (!overBle(device, definition)) {
                return pieces(device, property, value, chunkSize, lastPiece);
              }
              return links
                  .using(
                      device.ble().orElseThrow().connectRequest(),
                      address -> pieces(device, property, value, chunkSize, lastPiece))
                  .recover(
                      e ->
                          RadioProblems.recover(
                              e, true, "Property " + property, NipcProblem.PROPERTY_WRITE_FAILED));
            });
  }

  /** Succeeds when the property may be written (checked before a file is fetched for it). */
  public Future<Void> writable(DeviceRecord device, String property) {
    return properties.writableDefinition(device, property).mapEmpty();
  }

  private static boolean overBle(DeviceRecord device, JsonNode definition) {
    return ProtocolMaps.bleMap(device, definition.path("sdfProtocolMap")) != null;
  }

  private Future<Void> pieces(
      DeviceRecord device, String property, byte[] value, int size, RefusalMeaning lastPiece) {
    int count = Math.max(1, (value.length + size - 1) / size);
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      int index = i;
      byte[] piece = Arrays.copyOfRange(value, i * size, Math.min(value.length, (i + 1) * size));
      chain =
          chain.compose(
              v ->
                  properties
                      .write(
                          device,
                          property,
                          piece,
                          index == count - 1 ? lastPiece : RefusalMeaning.NONE)
                      .recover(e -> Future.failedFuture(located(e, index, count, size))));
    }
    return chain;
  }

  /** The failure of one piece, its detail saying which bytes it carried. */
  private static Throwable located(Throwable failure, int index, int count, int size) {
    if (!(failure instanceof NipcException problem)) {
      return failure;
    }
    String detail =
        "piece "
            + (index + 1)
            + " of "
            + count
            + " (from byte "
            + (long) index * size
            + "): "
            + problem.getMessage();
    return problem
        .problem()
        .map(type -> NipcException.of(type, detail))
        .orElseGet(() -> NipcException.generic(problem.genericStatus(), detail));
  }
}
