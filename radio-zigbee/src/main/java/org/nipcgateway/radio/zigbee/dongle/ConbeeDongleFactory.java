package org.nipcgateway.radio.zigbee.dongle;

import com.zsmartsystems.zigbee.dongle.conbee.ZigBeeDongleConBee;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.radio.zigbee.ZigbeeDongleFactory;

/** dresden elektronik ConBee on a serial port ({@code "dongle": "conbee"}). */
public final class ConbeeDongleFactory implements ZigbeeDongleFactory {
  @Override
  public String kind() {
    return "conbee";
  }

  @Override
  public Dongle configure(Settings settings) {
    SerialDongleSettings serial = SerialDongleSettings.read(settings, 38400, "none");
    return new Dongle() {
      @Override
      public ZigBeeTransportTransmit open() {
        return new ZigBeeDongleConBee(serial.open());
      }

      @Override
      public String description() {
        return "conbee dongle on " + serial.port();
      }
    };
  }
}
