package org.nipcgateway.core.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.metrics.MeteredBleRadio;
import org.nipcgateway.core.metrics.MeteredZigbeeRadio;
import org.nipcgateway.core.radio.fault.FaultInjectingBleRadio;
import org.nipcgateway.core.radio.fault.FaultInjectingZigbeeRadio;

/**
 * The decorators the gateway wraps every driver in (meters, fault injection) pass on every radio
 * method, default methods included: a default that a decorator does not override answers with the
 * interface's fallback ("unsupported") although the driver underneath implements the method.
 */
class RadioDecoratorsTest {
  private static List<String> notOverridden(Class<?> radio, Class<?> decorator) {
    List<String> missing = new ArrayList<>();
    for (Method method : radio.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      try {
        decorator.getDeclaredMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(method.getName());
      }
    }
    return missing;
  }

  @Test
  void ble_decorators_pass_on_every_ble_radio_method() {
    assertThat(notOverridden(BleRadio.class, MeteredBleRadio.class)).isEmpty();
    assertThat(notOverridden(BleRadio.class, FaultInjectingBleRadio.class)).isEmpty();
  }

  @Test
  void zigbee_decorators_pass_on_every_zigbee_radio_method() {
    assertThat(notOverridden(ZigbeeRadio.class, MeteredZigbeeRadio.class)).isEmpty();
    assertThat(notOverridden(ZigbeeRadio.class, FaultInjectingZigbeeRadio.class)).isEmpty();
  }
}
