package dev.mqttrr.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.benchmarks.StarterApplication.Echo;
import dev.mqttrr.core.MqttRequestTemplate;

/**
 * {@code starter} ({@code MqttRequestTemplate} to an {@code @MqttResponder} echo, bytes) and
 * {@code starter-json} ({@code requestAndConvert} with a small POJO); also
 * {@code starter-requester}, the template against the raw echo.
 */
final class StarterScenario implements Scenario {

	static final String ECHO_TOPIC_PREFIX = "bench/starter/q";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final ConfigurableApplicationContext responder;

	private final boolean json;

	private final MqttRequestTemplate qos1;

	private final MqttRequestTemplate qos0;

	private final String name;

	private final String echoTopicPrefix;

	StarterScenario(ConfigurableApplicationContext requester, ConfigurableApplicationContext responder, boolean json) {
		this(requester, responder, json, json ? "starter-json" : "starter", ECHO_TOPIC_PREFIX);
	}

	StarterScenario(ConfigurableApplicationContext requester, ConfigurableApplicationContext responder,
			boolean json, String name, String echoTopicPrefix) {
		this.responder = responder;
		this.json = json;
		this.name = name;
		this.echoTopicPrefix = echoTopicPrefix;
		this.qos1 = requester.getBean("qos1Template", MqttRequestTemplate.class);
		this.qos0 = requester.getBean("qos0Template", MqttRequestTemplate.class);
	}

	/**
	 * {@code starter-requester}: the starter's template, answered by the raw echo; shows what the
	 * requester side alone costs.
	 */
	static StarterScenario requesterOnly(ConfigurableApplicationContext requester,
			ConfigurableApplicationContext responder) {
		return new StarterScenario(requester, responder, false, "starter-requester",
				RawEchoResponder.TOPIC_PREFIX + "q");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Requester requester(int qos, int payloadSize) {
		MqttRequestTemplate template = (qos == 0) ? this.qos0 : this.qos1;
		if (this.json) {
			Echo echo = new Echo(42, "x".repeat(payloadSize));
			String topic = "bench/json/q" + qos;
			return () -> Checks.echo(echo.text(), template.requestAndConvert(topic, echo, Echo.class, TIMEOUT).text());
		}
		byte[] payload = new byte[payloadSize];
		String topic = this.echoTopicPrefix + qos;
		return () -> Checks.echo(payload, template.request(topic, payload, TIMEOUT).payload());
	}

	@Override
	public AutoCloseable sendUnanswered(int count) {
		StarterApplication.Responder application = this.responder.getBean(StarterApplication.Responder.class);
		application.silentReceived.set(0);
		List<CompletableFuture<?>> futures = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			futures.add(this.qos1.requestAsync("bench/silent", new byte[16], Duration.ofMinutes(5)));
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		// Wait until the broker delivered them all, so no request is still in Paho's queues.
		while (application.silentReceived.get() < count && System.nanoTime() < deadline) {
			LockSupport.parkNanos(1_000_000);
		}
		return () -> futures.forEach((future) -> future.cancel(false));
	}

	@Override
	public int pendingRequests() {
		return this.qos1.getPendingRequestCount() + this.qos0.getPendingRequestCount();
	}

	@Override
	public void close() {
		// The contexts are shared by both starter scenarios and closed by the runner.
	}

}
