package dev.mqttrr.autoconfigure;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import dev.mqttrr.autoconfigure.metrics.MqttMetricsAutoConfiguration;
import dev.mqttrr.autoconfigure.observation.MqttTracingAutoConfiguration;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.docker.compose.ComposeServiceWithoutTestcontainers;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.ClassPathWithout;
import dev.mqttrr.testcontainers.MosquittoContainerWithoutHiveMqModule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's service connection support is optional: each piece works, and the rest keeps
 * working, when an application lacks the others. Each case runs in a class path without the jars it
 * names.
 */
class OptionalDependenciesTests {

	@Test
	void autoConfigurationWorksWithoutTestcontainersAndDockerCompose() throws Exception {
		String serverUri = new ClassPathWithout("spring-boot-testcontainers", "testcontainers",
				"spring-boot-docker-compose")
			.call(AutoConfigurationWithoutServiceConnections.class);
		assertThat(serverUri).isEqualTo("tcp://broker.example:1883");
	}

	@Test
	void mosquittoContainerConnectsWithoutTestcontainersHiveMqModule() throws Exception {
		String url = new ClassPathWithout("testcontainers-hivemq").call(MosquittoContainerWithoutHiveMqModule.class);
		assertThat(url).isEqualTo("tcp://docker.example:32772");
	}

	@Test
	void dockerComposeServiceConnectsWithoutTestcontainers() throws Exception {
		String url = new ClassPathWithout("spring-boot-testcontainers", "testcontainers")
			.call(ComposeServiceWithoutTestcontainers.class);
		assertThat(url).isEqualTo("tcp://docker.example:32768");
	}

	@Test
	void autoConfigurationWorksWithoutMicrometerCoreAndTracing() throws Exception {
		String beans = new ClassPathWithout("micrometer-core", "micrometer-tracing")
			.call(AutoConfigurationWithoutMicrometerCore.class);
		assertThat(beans).isEqualTo("metrics: false, trace injector: false");
	}

	/**
	 * An application without micrometer-core and micrometer-tracing (micrometer-observation comes
	 * with Spring): the template and responders are there, the meters and the reply's trace context
	 * are not.
	 */
	public static class AutoConfigurationWithoutMicrometerCore implements Callable<String> {

		@Override
		public String call() {
			ClassLoader classLoader = getClass().getClassLoader();
			if (ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", classLoader)
					|| ClassUtils.isPresent("io.micrometer.tracing.Tracer", classLoader)) {
				throw new IllegalStateException("micrometer-core or micrometer-tracing is on the class path");
			}
			AtomicReference<String> beans = new AtomicReference<>();
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class,
						MqttMetricsAutoConfiguration.class,
						MqttTracingAutoConfiguration.class))
				.withBean(ObservationRegistry.class, ObservationRegistry::create)
				.withPropertyValues("mqtt.url=tcp://broker.example:1883", "mqtt.auto-startup=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(MqttRequestTemplate.class);
					context.getBean(MqttResponderEndpointRegistry.class);
					beans.set("metrics: "
							+ context.containsBean("mqttMetrics") + ", trace injector: "
							+ context.containsBean("mqttTraceContextInjector"));
				});
			return beans.get();
		}

	}

	/**
	 * An application without Testcontainers and Docker Compose: returns the URL its connection
	 * uses.
	 */
	public static class AutoConfigurationWithoutServiceConnections implements Callable<String> {

		@Override
		public String call() {
			ClassLoader classLoader = getClass().getClassLoader();
			if (ClassUtils.isPresent("org.springframework.boot.docker.compose.core.RunningService", classLoader)
					|| ClassUtils.isPresent("org.testcontainers.containers.Container", classLoader)) {
				throw new IllegalStateException("Testcontainers or Docker Compose support is on the class path");
			}
			AtomicReference<String> serverUri = new AtomicReference<>();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
				.withPropertyValues("mqtt.url=tcp://broker.example:1883", "mqtt.auto-startup=false")
				.run((context) -> serverUri.set(context.getBean(MqttConnection.class).getServerUri()));
			return serverUri.get();
		}

	}

}
