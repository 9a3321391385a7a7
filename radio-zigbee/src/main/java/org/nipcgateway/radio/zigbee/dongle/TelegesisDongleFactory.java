package org.nipcgateway.radio.zigbee.dongle;

import com.zsmartsystems.zigbee.dongle.telegesis.ZigBeeDongleTelegesis;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.radio.zigbee.ZigbeeDongleFactory;

/** Telegesis ETRX3 on a serial port ({@code "dongle": "telegesis"}). */
public final class TelegesisDongleFactory implements ZigbeeDongleFactory {
  @Override
  public String kind() {
    return "telegesis";
  }

  @Override
  public Dongle configure(Settings settings) {
    SerialDongleSettings serial = SerialDongleSettings.read(settings, 19200, "none");
    return new Dongle() {
      @Override
      public ZigBeeTransportTransmit open() {
        return new ZigBeeDongleTelegesis(serial.open());
      }

      @Override
      public String description() {
        return "telegesis dongle on " + serial.port();
      }
    };
  }
}
