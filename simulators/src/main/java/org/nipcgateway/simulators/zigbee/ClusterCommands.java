package org.nipcgateway.simulators.zigbee;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.ZclStatus;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;

/**
 * The ZCL cluster commands the simulated nodes understand, the attribute changes each makes and
 * what they answer: On/Off (0x0006: Off, On, Toggle change OnOff 0x0000; Default Response) and
 * Identify (0x0003: Identify sets IdentifyTime 0x0000 from its uint16 payload; Identify Query is
 * answered by Identify Query Response 0x00 carrying the IdentifyTime). Other commands are answered
 * UNSUP_CLUSTER_COMMAND.
 */
final class ClusterCommands {
  private static final int ON_OFF = 0x0006;
  private static final int IDENTIFY = 0x0003;
  private static final int IDENTIFY_QUERY = 0x01;
  private static final int IDENTIFY_QUERY_RESPONSE = 0x00;

  /** What a command did: the attribute changes, and the answer. */
  record Outcome(List<Change> changes, DeviceAnswer<ZigbeeCommandResponse> answer) {
    static Outcome refused(ZclStatus status) {
      return new Outcome(List.of(), DeviceAnswer.refused(DeviceStatus.zcl(status)));
    }
  }

  record Change(Key key, byte[] value) {}

  private ClusterCommands() {}

  static Outcome apply(ZigbeeCommand command, byte[] payload, Map<Key, Attribute> node) {
    Key first = new Key(command.endpoint(), command.cluster(), 0x0000, Optional.empty());
    Attribute state = node.get(first);
    if (command.cluster() == ON_OFF && state != null) {
      boolean on = state.value.length > 0 && state.value[0] != 0;
      return switch (command.command()) {
        case 0x00 -> done(command, new Change(first, new byte[] {0}));
        case 0x01 -> done(command, new Change(first, new byte[] {1}));
        case 0x02 -> done(command, new Change(first, new byte[] {(byte) (on ? 0 : 1)}));
        default -> Outcome.refused(ZclStatus.UNSUP_CLUSTER_COMMAND);
      };
    }
    if (command.cluster() == IDENTIFY && state != null) {
      if (command.command() == 0x00) {
        return payload.length == 2
            ? done(command, new Change(first, payload.clone()))
            : Outcome.refused(ZclStatus.MALFORMED_COMMAND);
      }
      if (command.command() == IDENTIFY_QUERY) {
        return new Outcome(
            List.of(),
            DeviceAnswer.of(new ZigbeeCommandResponse(IDENTIFY_QUERY_RESPONSE, state.value)));
      }
    }
    return Outcome.refused(ZclStatus.UNSUP_CLUSTER_COMMAND);
  }

  private static Outcome done(ZigbeeCommand command, Change change) {
    return new Outcome(
        List.of(change), DeviceAnswer.of(ZigbeeCommandResponse.success(command.command())));
  }
}
