package org.nipcgateway.core.nipc.extension.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * One kind of NIPC operation a bulk may hold (a method and path, e.g. {@code PUT
 * /devices/{id}/properties}). {@link #prepare} checks an operation's {@code data} when the bulk is
 * posted, so that a malformed bulk is refused before anything runs; what it returns runs it later
 * and answers the operation's {@code response} (a value, a status), or fails with its problem.
 */
@FunctionalInterface
public interface BulkStep {
  /**
   * @param name the affordance the path names (its {@code propertyName}, {@code actionName} or
   *     {@code eventName})
   * @param data the operation's {@code data}, missing when it has none
   * @throws org.nipcgateway.core.nipc.problem.NipcException when the data do not fit the operation
   */
  Run prepare(String deviceId, String name, JsonNode data);

  /**
   * A checked operation: {@link #get} runs it when the bulk reaches it. {@link #arm} is called when
   * the bulk starts, before its first operation runs, for an operation that must begin listening
   * before it is reached (a conditional event answering an earlier operation); {@link #release}
   * once the bulk ended, whether this operation ran or not.
   */
  @FunctionalInterface
  interface Run extends Supplier<Future<JsonObject>> {
    /**
     * Never fails: a failure to arm is the operation's own problem when it is reached.
     *
     * @param at where the operation sits, so that operations of one bulk can share what they see
     *     (one event occurrence completes one of a bulk's event steps, the first in order)
     */
    default Future<Void> arm(Position at) {
      return Future.succeededFuture();
    }

    default void release() {}
  }

  /**
   * Where an armed operation sits: its bulk (an opaque token, the same object for every operation
   * of one bulk) and its index among the bulk's operations, from 0.
   */
  record Position(Object bulk, int index) {}
}
