package org.nipcgateway.radio.zigbee.dongle;

import com.zsmartsystems.zigbee.serial.ZigBeeSerialPort;
import com.zsmartsystems.zigbee.transport.ZigBeePort;
import com.zsmartsystems.zigbee.transport.ZigBeePort.FlowControl;
import java.util.List;
import org.nipcgateway.core.config.Settings;

/** A serial dongle's settings: {@code port} (required), {@code baud}, {@code flowControl}. */
record SerialDongleSettings(String port, int baud, FlowControl flowControl) {
  private static final List<String> FLOW = List.of("none", "software", "hardware");

  static SerialDongleSettings read(Settings settings, int defaultBaud, String defaultFlow) {
    String flow = settings.choice("flowControl", defaultFlow, FLOW);
    return new SerialDongleSettings(
        settings.requiredString("port"),
        settings.integer("baud", defaultBaud, 1200, 4_000_000),
        switch (flow) {
          case "software" -> FlowControl.FLOWCONTROL_OUT_XONOFF;
          case "hardware" -> FlowControl.FLOWCONTROL_OUT_RTSCTS;
          default -> FlowControl.FLOWCONTROL_OUT_NONE;
        });
  }

  ZigBeePort open() {
    return new ZigBeeSerialPort(port, baud, flowControl);
  }
}
