package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.ExtendedPanId;
import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeChannel;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.security.ZigBeeKey;
import com.zsmartsystems.zigbee.transport.TransportConfig;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportReceive;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dongle that starts, keeps what the stack sends and never answers: for tests of one layer. */
final class QuietDongle implements ZigBeeTransportTransmit {
  final List<ZigBeeApsFrame> sent = new CopyOnWriteArrayList<>();

  @Override
  public ZigBeeStatus initialize() {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeStatus startup(boolean reinitialize) {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public void shutdown() {}

  @Override
  public String getVersionString() {
    return "quiet";
  }

  @Override
  public IeeeAddress getIeeeAddress() {
    return new IeeeAddress("00124B00FFFF0009");
  }

  @Override
  public Integer getNwkAddress() {
    return 0;
  }

  @Override
  public void sendCommand(int msgTag, ZigBeeApsFrame frame) {
    sent.add(frame);
  }

  @Override
  public void setZigBeeTransportReceive(ZigBeeTransportReceive receive) {}

  @Override
  public ZigBeeChannel getZigBeeChannel() {
    return ZigBeeChannel.CHANNEL_11;
  }

  @Override
  public ZigBeeStatus setZigBeeChannel(ZigBeeChannel channel) {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public int getZigBeePanId() {
    return 0x1234;
  }

  @Override
  public ZigBeeStatus setZigBeePanId(int panId) {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ExtendedPanId getZigBeeExtendedPanId() {
    return new ExtendedPanId("1122334455667788");
  }

  @Override
  public ZigBeeStatus setZigBeeExtendedPanId(ExtendedPanId panId) {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeStatus setZigBeeNetworkKey(ZigBeeKey key) {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeKey getZigBeeNetworkKey() {
    return new ZigBeeKey();
  }

  @Override
  public ZigBeeStatus setTcLinkKey(ZigBeeKey key) {
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeKey getTcLinkKey() {
    return new ZigBeeKey();
  }

  @Override
  public void updateTransportConfig(TransportConfig config) {}
}
