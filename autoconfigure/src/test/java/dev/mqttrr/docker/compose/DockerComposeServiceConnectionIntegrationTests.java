package dev.mqttrr.docker.compose;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.MqttConnectionDetails;
import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;
import dev.mqttrr.core.MqttRequestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Spring Boot application told by Boot's Docker Compose support that an
 * {@code eclipse-mosquitto} service runs, as after {@code docker compose up}: Boot's own listener
 * finds this starter's factory, registers its connection details, and requests go through the
 * broker they name. Docker is not needed: the service is a broker in this JVM, and the event is the
 * one Boot publishes once the services are ready.
 */
class DockerComposeServiceConnectionIntegrationTests {

	@Test
	void runningBrokerServiceConnectsTheApplicationInsteadOfTheEmbeddedBroker() {
		EmbeddedHiveMqBroker broker = new EmbeddedHiveMqBroker("127.0.0.1", 0);
		broker.start();
		try {
			RunningService mosquitto = ComposeServices.service("eclipse-mosquitto:2.0.22", "127.0.0.1",
					broker.getPort());
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
				.web(WebApplicationType.NONE)
				.properties("spring.docker.compose.enabled=false")
				.listeners(new ComposeUp(List.of(mosquitto)))
				.run()) {
				assertThat(context.getBeanNamesForType(EmbeddedHiveMqBroker.class)).isEmpty();
				assertThat(context.getBean(MqttConnectionDetails.class).getUrl()).isEqualTo(broker.getUrl());
				assertThat(context.getBean(MqttRequestTemplate.class)
					.request("services/echo", "hello".getBytes(StandardCharsets.UTF_8))
					.payloadAsString()).isEqualTo("hello");
			}
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void twoBrokerServicesFailStartUpNamingBoth() {
		RunningService mosquitto = ComposeServices.service("eclipse-mosquitto:2.0.22", "127.0.0.1", 1);
		RunningService emqx = ComposeServices.service("emqx/emqx:5.8.6", "127.0.0.1", 2);
		SpringApplicationBuilder application = new SpringApplicationBuilder(EchoApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.docker.compose.enabled=false", "mqtt.auto-startup=false")
			.listeners(new ComposeUp(List.of(mosquitto, emqx)));
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(application::run)
			.havingRootCause()
			.isInstanceOf(NoUniqueBeanDefinitionException.class)
			.withMessageContaining(MqttConnectionDetails.class.getName())
			.withMessageContaining("mqttConnectionDetailsForEclipseMosquitto")
			.withMessageContaining("mqttConnectionDetailsForEmqx");
	}

	/**
	 * Tells the application's listeners that the services run, where and as Boot's
	 * {@code DockerComposeLifecycleManager} does after {@code docker compose up}
	 * ({@code spring.docker.compose.enabled=false} keeps the real one from looking for Docker).
	 */
	private static final class ComposeUp implements ApplicationListener<ApplicationPreparedEvent> {

		private final List<RunningService> services;

		ComposeUp(List<RunningService> services) {
			this.services = services;
		}

		@Override
		public void onApplicationEvent(ApplicationPreparedEvent event) {
			SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
			event.getSpringApplication().getListeners().forEach(multicaster::addApplicationListener);
			multicaster.multicastEvent(ComposeServices.servicesReady(event.getApplicationContext(), this.services));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@MqttResponder("services/echo")
		String echo(String text) {
			return text;
		}

	}

}
