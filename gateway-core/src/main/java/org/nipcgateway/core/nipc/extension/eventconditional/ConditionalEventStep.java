package org.nipcgateway.core.nipc.extension.eventconditional;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.nipcgateway.core.nipc.extension.bulk.BulkStep;
import org.nipcgateway.core.nipc.extension.bulk.BulkSteps;

/**
 * A bulk's conditional event ({@code POST /extensions/{id}/events/conditional?eventName=},
 * Extension-Bulk.yaml): its {@code data} checked when the bulk is posted as the standalone
 * request's body is (no callback: the bulk has its own). It listens from when the bulk starts, so
 * that an event the device sends in answer to an earlier operation is kept (each occurrence for one
 * of the bulk's steps waiting for it, the first in order); reached, it answers {@code {value}} (the
 * matching event's data, as the firmwareUpgradeResponse example shows) at once or when the event
 * comes, its {@code timeout} counting from then, or fails with the standalone operation's problem.
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
  public Run prepare(String deviceId, String name, JsonNode data) {
    return new EarlyWait(deviceId, name, ConditionalEvent.ofBulk(data));
  }

  /**
   * One bulk's wait, listening once armed; one bulk runs its operations one at a time. The waits of
   * one bulk share the events they see: an occurrence completes only the first of them (in the
   * bulk's order) that still waits for it.
   */
  private final class EarlyWait implements Run {
    private final String deviceId;
    private final String eventName;
    private final ConditionalEvent request;
    private Future<ConditionalEvents.Listening> listening;

    EarlyWait(String deviceId, String eventName, ConditionalEvent request) {
      this.deviceId = deviceId;
      this.eventName = eventName;
      this.request = request;
    }

    @Override
    public synchronized Future<Void> arm(Position at) {
      listening = events.listen(deviceId, eventName, request.value(), at.bulk(), at.index());
      return listening.<Void>mapEmpty().otherwiseEmpty();
    }

    @Override
    public Future<JsonObject> get() {
      Future<ConditionalEvents.Listening> armed;
      synchronized (this) {
        if (listening == null) {
          // Not armed: listens from now, sharing its events with no other wait.
          listening = events.listen(deviceId, eventName, request.value(), new Object(), 0);
        }
        armed = listening;
      }
      return armed
          .compose(l -> events.reached(l, request.timeout()))
          .map(v -> new JsonObject().put("value", Base64.getEncoder().encodeToString(v)));
    }

    @Override
    public synchronized void release() {
      if (listening != null) {
        listening.onSuccess(events::stop);
      }
    }
  }
}
