package org.nipcgateway.core.nipc.extension.eventconditional;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.function.Supplier;
import org.nipcgateway.core.nipc.extension.bulk.BulkStep;
import org.nipcgateway.core.nipc.extension.bulk.BulkSteps;

/**
 * A bulk's conditional event ({@code POST /extensions/{id}/events/conditional?eventName=},
 * Extension-Bulk.yaml): its {@code data} checked when the bulk is posted as the standalone
 * request's body is (no callback: the bulk has its own), the wait starting when the bulk reaches
 * it, answering {@code {value}} (the matching event's data, as the firmwareUpgradeResponse example
 * shows), or failing with the standalone operation's problem.
 */
public final class ConditionalEventStep implements BulkStep {
  private final ConditionalEvents events;

  private ConditionalEventStep(ConditionalEvents events) {
    this.events = events;
  }

  /** Lets bulks hold conditional events. */
  public static void addTo(BulkSteps steps, ConditionalEvents events) {
    steps.add(
        "POST", EventConditionalRoutes.TEMPLATE, "eventName", new ConditionalEventStep(events));
  }

  @Override
  public Supplier<Future<JsonObject>> prepare(String deviceId, String name, JsonNode data) {
    ConditionalEvent request = ConditionalEvent.ofBulk(data);
    return () ->
        events
            .await(deviceId, name, request)
            .map(v -> new JsonObject().put("value", Base64.getEncoder().encodeToString(v)));
  }
}
