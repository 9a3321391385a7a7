package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.zcl.clusters.general.ConfigureReportingCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.ReadAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.WriteAttributesCommand;
import com.zsmartsystems.zigbee.zcl.field.AttributeReportingConfigurationRecord;
import com.zsmartsystems.zigbee.zcl.field.WriteAttributeRecord;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * The stack's ZCL general commands addressed to one attribute, with the manufacturer code when the
 * attribute has one (the stack sets it only through a subclass). Values are {@link RawZclValue}s.
 */
final class ZclRequests {
  private ZclRequests() {}

  static ReadAttributesCommand read(int networkAddress, ZigbeeAttribute attribute) {
    return new Read(networkAddress, attribute);
  }

  static WriteAttributesCommand write(int networkAddress, ZigbeeAttribute attribute, byte[] value) {
    return new Write(networkAddress, attribute, value);
  }

  static ConfigureReportingCommand reporting(
      int networkAddress, ZigbeeAttribute attribute, ZigbeeReporting reporting) {
    return new Reporting(networkAddress, attribute, reporting);
  }

  private static final class Read extends ReadAttributesCommand {
    Read(int networkAddress, ZigbeeAttribute attribute) {
      super(List.of(attribute.attribute()));
      address(this, networkAddress, attribute);
      attribute.manufacturerCode().ifPresent(this::setManufacturerCode);
    }
  }

  private static final class Write extends WriteAttributesCommand {
    Write(int networkAddress, ZigbeeAttribute attribute, byte[] value) {
      super(List.of(record(attribute, value)));
      address(this, networkAddress, attribute);
      attribute.manufacturerCode().ifPresent(this::setManufacturerCode);
    }
  }

  private static final class Reporting extends ConfigureReportingCommand {
    Reporting(int networkAddress, ZigbeeAttribute attribute, ZigbeeReporting reporting) {
      super(List.of(record(attribute, reporting)));
      address(this, networkAddress, attribute);
      attribute.manufacturerCode().ifPresent(this::setManufacturerCode);
    }
  }

  private static WriteAttributeRecord record(ZigbeeAttribute attribute, byte[] value) {
    WriteAttributeRecord record = new WriteAttributeRecord();
    record.setAttributeIdentifier(attribute.attribute());
    record.setAttributeDataType(dataType(attribute));
    record.setAttributeValue(new RawZclValue(value));
    return record;
  }

  private static AttributeReportingConfigurationRecord record(
      ZigbeeAttribute attribute, ZigbeeReporting reporting) {
    {
      AttributeReportingConfigurationRecord record = new AttributeReportingConfigurationRecord();
      record.setDirection(0);
      record.setAttributeIdentifier(attribute.attribute());
      record.setAttributeDataType(dataType(attribute));
      record.setMinimumReportingInterval(reporting.minInterval());
      record.setMaximumReportingInterval(reporting.maxInterval());
      ZclDataType type = dataType(attribute);
      if (type.isAnalog()) {
        // An analog attribute's record carries a reportable change; none given means any change.
        Optional<byte[]> change = reporting.reportableChange();
        record.setReportableChange(change.<Object>map(RawZclValue::new).orElse(Integer.valueOf(0)));
      }
      return record;
    }
  }

  private static void address(
      com.zsmartsystems.zigbee.zcl.ZclCommand command,
      int networkAddress,
      ZigbeeAttribute attribute) {
    command.setDestinationAddress(new ZigBeeEndpointAddress(networkAddress, attribute.endpoint()));
    command.setClusterId(attribute.cluster());
  }

  /** The stack's data type for a ZCL type id; unknown ids are refused before anything is sent. */
  static ZclDataType dataType(ZigbeeAttribute attribute) {
    ZclDataType type = ZclDataType.getType(attribute.type());
    if (type == null) {
      throw new IllegalArgumentException(
          String.format("ZCL data type 0x%02X is unknown", attribute.type()));
    }
    return type;
  }
}
