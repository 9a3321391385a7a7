package org.nipcgateway.it.support.radio;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A NIPC scenario class that runs once per {@link RadioRows#all() radio row}, named {@code [row]}.
 * The class takes the row as {@code @Parameter RadioRow row}; its {@code ScenarioGateway} or {@code
 * DemoGateway} starts a gateway on that row for each run. Class-level set-up that needs the gateway
 * goes in {@code @BeforeParameterizedClassInvocation} methods, which run per row
 * ({@code @BeforeAll} runs once for all rows, before any gateway).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.nipcgateway.it.support.radio.RadioRows#named")
public @interface RadioScenario {}
