package dev.mqttrr.integration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import dev.mqttrr.annotation.MqttResponder;

/**
 * A responder application run in its own JVM by {@link CrashedResponderIntegrationTests}, so that
 * the test can kill it with SIGKILL: no DISCONNECT, no shutdown hook. In {@code hold} mode it takes
 * requests and never answers; in {@code answer} mode it echoes them. Prints one line per request
 * and {@code ready} once started, for the test to read.
 * <p>
 * Arguments: the broker URL, the client id, the mode.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CrashableResponderApplication {

	static final String TOPIC = "crash/echo";

	private final AtomicInteger received = new AtomicInteger();

	private final CountDownLatch never = new CountDownLatch(1);

	private final boolean hold = "hold".equals(System.getProperty("crashable.mode"));

	@MqttResponder(TOPIC)
	String echo(String request) throws InterruptedException {
		System.out.println("received " + this.received.incrementAndGet());
		if (this.hold) {
			this.never.await();
		}
		return request;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		System.out.println("ready");
	}

	public static void main(String[] args) {
		System.setProperty("crashable.mode", args[2]);
		new SpringApplicationBuilder(CrashableResponderApplication.class).web(WebApplicationType.NONE)
			.properties("mqtt.url=" + args[0], "mqtt.client-id=" + args[1], "mqtt.clean-start=false",
					"mqtt.session-expiry=300s", "mqtt.responder.concurrency=100",
					"mqtt.reconnect.initial-delay=100ms", "mqtt.reconnect.max-delay=500ms",
					// Docker Compose support is on the test class path; no compose file here.
					"spring.docker.compose.enabled=false")
			.run();
	}

}
