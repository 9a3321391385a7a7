package org.nipcgateway.core.nipc.extension.readconditional;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.nipcgateway.core.nipc.extension.bulk.BulkStep;
import org.nipcgateway.core.nipc.extension.bulk.BulkSteps;

/**
 * A bulk's conditional read ({@code POST /extensions/{id}/properties/read/conditional
 * ?propertyName=}, Extension-Bulk.yaml): its {@code data} checked when the bulk is posted as the
 * standalone request's body is (no callback: the bulk has its own), run as the standalone read
 * runs, answering {@code {value}} as the bulk examples show, or failing with the same problem.
 */
public final class ConditionalReadStep implements BulkStep {
  private final ConditionalReads reads;

  private ConditionalReadStep(ConditionalReads reads) {
    this.reads = reads;
  }

  /** Lets bulks hold conditional reads. */
  public static void addTo(BulkSteps steps, ConditionalReads reads) {
    steps.add(
        "POST", ReadConditionalRoutes.TEMPLATE, "propertyName", new ConditionalReadStep(reads));
  }

  @Override
  public Run prepare(String deviceId, String name, JsonNode data) {
    ConditionalRead request = ConditionalRead.ofBulk(data);
    return () ->
        reads
            .untilMatch(deviceId, name, request)
            .map(v -> new JsonObject().put("value", Base64.getEncoder().encodeToString(v)));
  }
}
