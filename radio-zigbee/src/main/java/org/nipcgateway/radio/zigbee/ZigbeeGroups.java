package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.CommandResult;
import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.ZigBeeGroupAddress;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.zcl.ZclTransactionMatcher;
import com.zsmartsystems.zigbee.zcl.clusters.general.DefaultResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZclStatus;
import org.nipcgateway.core.radio.ZigbeeCommand;

/**
 * Zigbee groups for group operations: one group per set of nodes and endpoint, its id derived from
 * the members, each member added once with the Groups cluster's Add Group (0x0004, command 0x00);
 * then a command to the set goes out once, to the group address. Runs on the driver's workers.
 */
final class ZigbeeGroups {
  private static final int GROUPS_CLUSTER = 0x0004;
  private static final int ADD_GROUP = 0x00;

  /** Members known to be in a group: group id to member EUI-64s. */
  private final Map<Integer, Set<Eui64>> joined = new ConcurrentHashMap<>();

  private final ZigBeeNetworkManager network;
  private final Function<java.util.concurrent.Future<CommandResult>, CommandResult> await;

  ZigbeeGroups(
      ZigBeeNetworkManager network,
      Function<java.util.concurrent.Future<CommandResult>, CommandResult> await) {
    this.network = network;
    this.await = await;
  }

  /** The group of exactly these nodes on that endpoint (0x0001 to 0xFFF7). */
  static int groupId(List<Eui64> members, int endpoint) {
    TreeSet<Eui64> sorted = new TreeSet<>(members);
    int hash = (sorted.toString() + "/" + endpoint).hashCode();
    return 1 + Math.floorMod(hash, 0xFFF7);
  }

  /**
   * Puts every node in the group (once); false when a node refused or did not answer, so that the
   * caller falls back to per-node commands.
   */
  boolean ensure(int group, List<ZigBeeNode> nodes, List<Eui64> members, int endpoint) {
    Set<Eui64> in = joined.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet());
    for (int i = 0; i < nodes.size(); i++) {
      if (in.contains(members.get(i))) {
        continue;
      }
      // Add Group: the group id, then an empty group name (a ZCL character string).
      byte[] payload = {(byte) group, (byte) (group >> 8), 0};
      RawClusterCommand add =
          new RawClusterCommand(
              new ZigBeeEndpointAddress(nodes.get(i).getNetworkAddress(), endpoint),
              GROUPS_CLUSTER,
              ADD_GROUP,
              OptionalInt.empty(),
              payload);
      CommandResult result = await.apply(network.sendTransaction(add, new ZclTransactionMatcher()));
      boolean added =
          result.getResponse() instanceof DefaultResponse answer
              ? answer.getStatusCode().getId() == ZclStatus.SUCCESS.code()
                  || answer.getStatusCode().getId() == ZclStatus.DUPLICATE_EXISTS.code()
              : result.getResponse() != null;
      if (!added) {
        return false;
      }
      in.add(members.get(i));
    }
    return true;
  }

  /**
   * Sends the command once to the group and waits until the dongle has sent it (nodes do not answer
   * a groupcast; the stack spaces groupcasts out, 1.2 s apart); false when it was not sent.
   */
  boolean groupcast(int group, ZigbeeCommand command, byte[] payload) {
    RawClusterCommand cast =
        new RawClusterCommand(
            new ZigBeeGroupAddress(group),
            command.cluster(),
            command.command(),
            command.manufacturerCode(),
            payload);
    cast.setDisableDefaultResponse(true);
    return await.apply(network.sendTransaction(cast, null)).isSuccess();
  }
}
