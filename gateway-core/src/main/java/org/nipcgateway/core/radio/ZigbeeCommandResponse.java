package org.nipcgateway.core.radio;

/**
 * What a node answered a cluster command with: the response command's id and its raw ZCL payload. A
 * command without a specific response is answered with the ZCL Default Response ({@value
 * #DEFAULT_RESPONSE}), whose payload is the command id and a status.
 */
public record ZigbeeCommandResponse(int command, byte[] payload) {
  public static final int DEFAULT_RESPONSE = 0x0B;

  public ZigbeeCommandResponse {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** A Default Response with SUCCESS for the command answered. */
  public static ZigbeeCommandResponse success(int commandAnswered) {
    return new ZigbeeCommandResponse(
        DEFAULT_RESPONSE, new byte[] {(byte) commandAnswered, (byte) ZclStatus.SUCCESS.code()});
  }
}
