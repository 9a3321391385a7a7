package org.nipcgateway.core.nipc.extension;

import io.vertx.core.Vertx;
import java.util.List;
import org.nipcgateway.core.nipc.action.ActionService;
import org.nipcgateway.core.nipc.extension.blob.BlobRoutes;
import org.nipcgateway.core.nipc.extension.blob.BlobWriter;
import org.nipcgateway.core.nipc.extension.bulk.BuiltInSteps;
import org.nipcgateway.core.nipc.extension.bulk.BulkRoutes;
import org.nipcgateway.core.nipc.extension.bulk.BulkService;
import org.nipcgateway.core.nipc.extension.bulk.BulkSteps;
import org.nipcgateway.core.nipc.extension.file.FileRoutes;
import org.nipcgateway.core.nipc.extension.file.FileService;
import org.nipcgateway.core.nipc.extension.transmit.TransmitRoutes;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.operation.PropertyService;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.security.RouteTable;

/**
 * The Blob, Transmit, Bulk and File extensions wired once over the engine's services: their routes,
 * the URI templates {@code /.well-known/nipc} lists for them (their long operations are kept, and
 * forgotten with their devices, by {@code ExtensionOperations}). {@link #bulkSteps()} takes the
 * operations other extensions add to bulks.
 */
public final class DeviceExtensions {
  private final BlobRoutes blob;
  private final TransmitRoutes transmit;
  private final BulkRoutes bulk;
  private final FileRoutes file;
  private final BulkSteps steps;

  public DeviceExtensions(
      Vertx vertx,
      ExtensionSettings settings,
      Affordances affordances,
      PropertyService properties,
      ActionService actions,
      RadioCalls radios,
      BleConnections links,
      ProblemDocuments problems,
      java.util.function.Supplier<io.vertx.core.Future<Runnable>> scanning,
      org.nipcgateway.core.nipc.extension.callback.ExtensionOperations callbacks) {
    BlobWriter writer = new BlobWriter(properties, links);
    int chunk = settings.defaultChunkSize();
    boolean allowHttp = settings.file().allowHttp();
    FileService files = new FileService(vertx, affordances, writer, settings.file(), callbacks);
    steps = BuiltInSteps.of(properties, actions, files, chunk, allowHttp);
    BulkService bulks =
        new BulkService(
            affordances,
            steps,
            problems,
            vertx,
            scanning,
            settings.maxAdvertisementWaitMs(),
            callbacks);
    radios.radios().ble().ifPresent(ble -> ble.listen(bulks.advertisementListener()));
    blob = new BlobRoutes(affordances, writer, chunk);
    transmit = new TransmitRoutes(affordances, radios);
    bulk = new BulkRoutes(bulks, settings.maxBulkOperations());
    file = new FileRoutes(files, chunk, allowHttp);
  }

  public void mount(RouteTable.Routes routes) {
    blob.mount(routes);
    transmit.mount(routes);
    bulk.mount(routes);
    file.mount(routes);
  }

  /** The URI templates of these extensions, relative to the NIPC base path. */
  public List<String> templates() {
    return List.of(
        BulkRoutes.TEMPLATE, BlobRoutes.TEMPLATE, FileRoutes.TEMPLATE, TransmitRoutes.TEMPLATE);
  }

  /** Where other extensions add the operations a bulk may hold. */
  public BulkSteps bulkSteps() {
    return steps;
  }
}
