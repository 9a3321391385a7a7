package org.nipcgateway.it.support;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.support.ParameterInfo;
import org.junit.platform.commons.support.AnnotationSupport;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.radio.DeviceSide;
import org.nipcgateway.it.support.radio.Faults;
import org.nipcgateway.it.support.radio.RadioBench;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioRows;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/**
 * A gateway running a {@link World} on a radio row, for all tests of a class:
 * {@code @RegisterExtension static final ScenarioGateway gateway = new ScenarioGateway(world);}. In
 * a {@link RadioScenario} class it starts once per row, on that row; in any other class once, on
 * the simulated row. The world's models and SCIM devices are seeded before the first test.
 */
public final class ScenarioGateway
    implements BeforeClassTemplateInvocationCallback,
        AfterClassTemplateInvocationCallback,
        BeforeAllCallback,
        AfterAllCallback {
  private final World world;
  private final UnaryOperator<GatewayConfig.Builder> settings;
  private final RadioRow fixedRow;
  private RadioRow row;
  private RadioBench bench;
  private RunningGateway running;
  private DeviceSide devices;

  public ScenarioGateway(World world) {
    this(world, config -> config);
  }

  /** With more settings for the gateway than the radios (e.g. a short operation timeout). */
  public ScenarioGateway(World world, UnaryOperator<GatewayConfig.Builder> settings) {
    this(world, settings, null);
  }

  /**
   * Outside a {@link RadioScenario} class, on this row instead of the simulated one (tests of one
   * driver's own behaviour, such as an adapter leaving the bus).
   */
  public ScenarioGateway(
      World world, UnaryOperator<GatewayConfig.Builder> settings, RadioRow fixedRow) {
    this.world = world;
    this.settings = settings;
    this.fixedRow = fixedRow;
  }

  @Override
  public void beforeClassTemplateInvocation(ExtensionContext context) {
    start(ParameterInfo.get(context).getArguments().get(0, RadioRow.class));
  }

  @Override
  public void afterClassTemplateInvocation(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!scenario(context)) {
      start(fixedRow != null ? fixedRow : RadioRows.simulated());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!scenario(context)) {
      stop();
    }
  }

  /** A scenario class starts per row, in the class-template callbacks, not once for all rows. */
  private static boolean scenario(ExtensionContext context) {
    return AnnotationSupport.isAnnotated(context.getRequiredTestClass(), RadioScenario.class);
  }

  private void start(RadioRow row) {
    this.row = row;
    bench = row.start(world);
    try {
      running =
          RunningGateway.start(
              settings.apply(GatewayConfig.builder().moduleSettings("radios", bench.radios())));
      if (!world.models().isEmpty() || !world.devices().isEmpty()) {
        running.seed(world.records());
      }
      devices = bench.deviceSide(running);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  private void stop() {
    try {
      if (running != null) {
        running.close();
      }
    } finally {
      running = null;
      if (bench != null) {
        bench.close();
        bench = null;
      }
    }
  }

  public RadioRow row() {
    return row;
  }

  public RunningGateway running() {
    return running;
  }

  /** A client with the operator token (all roles, every object). */
  public ScimClient scim() {
    return running.scim();
  }

  /** The world's devices, acting on their own and observed through the row. */
  public DeviceSide devices() {
    return devices;
  }

  public Faults faults() {
    return new Faults(row, scim());
  }
}
