package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesResponse;
import com.zsmartsystems.zigbee.zcl.field.AttributeInformation;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;

/**
 * What a simulated node answers ZCL Discover Attributes (0x0C): the Discover Attributes Response
 * (0x0D) listing, in ascending id order from the request's start id, at most the asked number of
 * the cluster's attributes with their data types, and "complete" when none is left after them. A
 * request without a manufacturer code lists the standard attributes, one with a code that
 * manufacturer's, as ZCL has it.
 */
final class AttributeDiscovery {
  private AttributeDiscovery() {}

  static DiscoverAttributesResponse answer(
      Map<Key, Attribute> attributes,
      int endpoint,
      int cluster,
      Optional<Integer> manufacturer,
      DiscoverAttributesCommand request) {
    int start = request.getStartAttributeIdentifier();
    int most = request.getMaximumAttributeIdentifiers();
    List<Map.Entry<Key, Attribute>> held =
        attributes.entrySet().stream()
            .filter(
                e ->
                    e.getKey().endpoint() == endpoint
                        && e.getKey().cluster() == cluster
                        && e.getKey().manufacturer().equals(manufacturer)
                        && e.getKey().attribute() >= start)
            .sorted(java.util.Comparator.comparingInt(e -> e.getKey().attribute()))
            .toList();
    List<AttributeInformation> page = new ArrayList<>();
    for (Map.Entry<Key, Attribute> e : held.subList(0, Math.min(most, held.size()))) {
      AttributeInformation information = new AttributeInformation();
      information.setIdentifier(e.getKey().attribute());
      information.setDataType(ZclDataType.getType(e.getValue().type));
      page.add(information);
    }
    return new DiscoverAttributesResponse(held.size() <= most, page);
  }
}
