package org.nipcgateway.simulators.zigbee;

import java.util.List;
import java.util.Map;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;

/**
 * The ZCL cluster commands the simulated nodes understand, and the attribute changes each makes:
 * On/Off (0x0006: Off, On, Toggle change OnOff 0x0000) and Identify (0x0003: Identify sets
 * IdentifyTime 0x0000 from its uint16 payload). Other commands are answered UNSUP_CLUSTER_COMMAND.
 */
final class ClusterCommands {
  private static final int ON_OFF = 0x0006;
  private static final int IDENTIFY = 0x0003;

  record Change(Key key, byte[] value) {}

  private ClusterCommands() {}

  static List<Change> apply(ZigbeeCommand command, byte[] payload, Map<Key, Attribute> node) {
    Key first = new Key(command.endpoint(), command.cluster(), 0x0000);
    if (command.cluster() == ON_OFF && node.containsKey(first)) {
      boolean on = node.get(first).value.length > 0 && node.get(first).value[0] != 0;
      return switch (command.command()) {
        case 0x00 -> List.of(new Change(first, new byte[] {0}));
        case 0x01 -> List.of(new Change(first, new byte[] {1}));
        case 0x02 -> List.of(new Change(first, new byte[] {(byte) (on ? 0 : 1)}));
        default -> throw unsupported(command);
      };
    }
    if (command.cluster() == IDENTIFY && command.command() == 0x00 && node.containsKey(first)) {
      if (payload.length != 2) {
        throw new RadioException(
            Reason.NOT_PERMITTED, "Identify needs a uint16 payload (MALFORMED_COMMAND)");
      }
      return List.of(new Change(first, payload.clone()));
    }
    throw unsupported(command);
  }

  private static RadioException unsupported(ZigbeeCommand command) {
    return new RadioException(
        Reason.NOT_PERMITTED, command + " is not supported (UNSUP_CLUSTER_COMMAND)");
  }
}
