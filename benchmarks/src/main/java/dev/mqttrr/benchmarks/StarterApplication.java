package dev.mqttrr.benchmarks;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttRequestSettings;
import dev.mqttrr.core.MqttRequestTemplate;

/**
 * The Spring applications of the {@code starter} rows, requester and responder in two
 * applications (two connections), as in a deployment and as in the raw rows: the requester's
 * templates at QoS 0 and 1, and the responder's echoes at QoS 0 and 1, for bytes and for JSON, and
 * a silent one for the heap measurement.
 */
final class StarterApplication {

	private StarterApplication() {
	}

	static ConfigurableApplicationContext startResponder(String url) {
		return new SpringApplicationBuilder(Responder.class).web(WebApplicationType.NONE)
			.run("--mqtt.url=" + url, "--spring.application.name=bench-responder");
	}

	static ConfigurableApplicationContext startRequester(String url) {
		return new SpringApplicationBuilder(Requester.class).web(WebApplicationType.NONE)
			.run("--mqtt.url=" + url, "--spring.application.name=bench-requester");
	}

	/**
	 * Start an application with an {@link ObservationRegistry} bean that times each observation
	 * into a {@link SimpleMeterRegistry}, as Boot's observation and metrics auto-configurations do
	 * (with or without the long-task timer Boot's handler adds by default). Its responders listen
	 * under the given prefix, apart from the plain starter's and the other observed scenario's.
	 */
	static ConfigurableApplicationContext startObserved(Class<?> application, String url, String prefix,
			boolean longTaskTimers, String nameSuffix) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.initializers((ConfigurableApplicationContext context) -> context.getBeanFactory()
				.registerSingleton("observationRegistry", meteredObservationRegistry(longTaskTimers)))
			.run("--mqtt.url=" + url, "--spring.application.name=" + prefix + nameSuffix, "--bench.prefix=" + prefix);
	}

	static ObservationRegistry meteredObservationRegistry(boolean longTaskTimers) {
		ObservationRegistry registry = ObservationRegistry.create();
		DefaultMeterObservationHandler handler = longTaskTimers
				? new DefaultMeterObservationHandler(new SimpleMeterRegistry())
				: new DefaultMeterObservationHandler(new SimpleMeterRegistry(),
						DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER);
		registry.observationConfig().observationHandler(handler);
		return registry;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Requester {

	/**
	 * The template of the QoS 1 rows, as auto-configuration would create it (defining templates
	 * here makes the auto-configured one back off).
	 */
	@Bean
	MqttRequestTemplate qos1Template(MqttConnection connection, MqttPayloadConverter converter,
			@Qualifier("mqttReplyExecutor") Executor executor, ObjectProvider<ObservationRegistry> observations) {
		MqttRequestTemplate template = new MqttRequestTemplate(connection, converter, executor,
				new MqttRequestSettings(Duration.ofSeconds(60), 1, 20_000, "mqttrr/replies/"));
		observations.ifAvailable(template::setObservationRegistry);
		return template;
	}

	/**
	 * The template of the QoS 0 rows; its own inbox keeps its replies apart from the QoS 1
	 * template's.
	 */
	@Bean
	MqttRequestTemplate qos0Template(MqttConnection connection, MqttPayloadConverter converter,
			@Qualifier("mqttReplyExecutor") Executor executor, ObjectProvider<ObservationRegistry> observations) {
		MqttRequestTemplate template = new MqttRequestTemplate(connection, converter, executor,
				new MqttRequestSettings(Duration.ofSeconds(60), 0, 1000, "mqttrr/replies-qos0/"));
		observations.ifAvailable(template::setObservationRegistry);
		return template;
	}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Responder {

	final AtomicInteger silentReceived = new AtomicInteger();

	@MqttResponder(topic = "${bench.prefix:bench}/starter/q0", qos = 0)
	byte[] echo0(byte[] payload) {
		return payload;
	}

	@MqttResponder(topic = "${bench.prefix:bench}/starter/q1", qos = 1)
	byte[] echo1(byte[] payload) {
		return payload;
	}

	@MqttResponder(topic = "${bench.prefix:bench}/json/q0", qos = 0)
	Echo json0(Echo echo) {
		return echo;
	}

	@MqttResponder(topic = "${bench.prefix:bench}/json/q1", qos = 1)
	Echo json1(Echo echo) {
		return echo;
	}

	@MqttResponder("${bench.prefix:bench}/silent")
	void silent(byte[] payload) {
		this.silentReceived.incrementAndGet();
	}

	}

	/**
	 * The small POJO of the {@code starter-json} rows.
	 *
	 * @param id a number
	 * @param text the payload, as long as the row's payload size
	 */
	record Echo(long id, String text) {
	}

}
