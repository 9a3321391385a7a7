package org.nipcgateway.core.nipc.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.storage.EngineRecord;

/**
 * Action runs as engine records, so their status outlives a restart. A run still in progress when
 * the gateway stopped cannot be followed any more: it comes back failed, saying so.
 */
final class ActionRunRecords {
  static final String KIND = "action";

  private ActionRunRecords() {}

  static EngineRecord of(ActionRun run, Instant created) {
    ObjectNode state = JsonNodeFactory.instance.objectNode().put("actionName", run.actionName());
    ArrayNode devices = state.putArray("devices");
    for (ActionRun.DeviceRun device : run.devices()) {
      ObjectNode entry = devices.addObject().put("deviceId", device.deviceId());
      device.finishedAt().ifPresent(at -> entry.put("finishedAt", at.toString()));
      device
          .response()
          .ifPresent(r -> entry.put("response", Base64.getEncoder().encodeToString(r)));
      device.problem().ifPresent(p -> entry.set("problem", problem(p)));
    }
    return new EngineRecord(run.instanceId(), KIND, run.ownerId(), created, state);
  }

  /**
   * The run as stored; one that was still running is finished now with an "interrupted" problem.
   */
  static ActionRun restore(EngineRecord record, Instant now) {
    List<ActionRun.DeviceRun> devices = new ArrayList<>();
    for (JsonNode entry : record.state().path("devices")) {
      ActionRun.DeviceRun device = new ActionRun.DeviceRun(entry.path("deviceId").asText());
      if (entry.hasNonNull("response")) {
        device.respond(Base64.getDecoder().decode(entry.path("response").asText()));
      }
      if (entry.hasNonNull("finishedAt")) {
        device.finish(
            Instant.parse(entry.path("finishedAt").asText()),
            entry.has("problem") ? problem(entry.path("problem")) : null);
      } else {
        device.finish(
            now,
            NipcException.generic(
                503,
                "the gateway restarted while this action ran; whether the device carried it out"
                    + " is unknown"));
      }
      devices.add(device);
    }
    return new ActionRun(
        record.id(), record.ownerId(), record.state().path("actionName").asText(), devices);
  }

  private static ObjectNode problem(NipcException problem) {
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("detail", problem.getMessage());
    problem
        .problem()
        .ifPresentOrElse(
            type -> json.put("type", type.wireName()),
            () -> json.put("status", problem.genericStatus()));
    return json;
  }

  private static NipcException problem(JsonNode json) {
    String detail = json.path("detail").asText();
    return NipcProblem.byWireName(json.path("type").asText())
        .map(type -> NipcException.of(type, detail))
        .orElseGet(() -> NipcException.generic(json.path("status").asInt(500), detail));
  }
}
