package org.nipcgateway.radio.zigbee.dongle;

import com.zsmartsystems.zigbee.dongle.xbee.ZigBeeDongleXBee;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.radio.zigbee.ZigbeeDongleFactory;

/** Digi XBee on a serial port ({@code "dongle": "xbee"}). */
public final class XbeeDongleFactory implements ZigbeeDongleFactory {
  @Override
  public String kind() {
    return "xbee";
  }

  @Override
  public Dongle configure(Settings settings) {
    SerialDongleSettings serial = SerialDongleSettings.read(settings, 9600, "none");
    return new Dongle() {
      @Override
      public ZigBeeTransportTransmit open() {
        return new ZigBeeDongleXBee(serial.open());
      }

      @Override
      public String description() {
        return "xbee dongle on " + serial.port();
      }
    };
  }
}
