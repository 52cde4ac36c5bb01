package dev.mqttrr.integration;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;


import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.support.MessageBuilder;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.support.MqttHeaders;
import dev.mqttrr.test.TestConnections;

/**
 * The responders the integration tests talk to.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestResponders {

	final Queue<String> recorded = new ConcurrentLinkedQueue<>();

	final AtomicInteger probes = new AtomicInteger();

	private final MqttConnection connection;

	TestResponders(MqttConnection connection) {
		this.connection = connection;
	}

	@MqttResponder("${test.prefix:test}/echo")
	String echo(String text) {
		return text;
	}

	@MqttResponder("test/optional")
	String optional(@Payload(required = false) String text) {
		return (text != null) ? text : "(no payload)";
	}

	@MqttResponder("test/bytes")
	byte[] reverse(byte[] payload) {
		byte[] reversed = new byte[payload.length];
		for (int i = 0; i < payload.length; i++) {
			reversed[i] = payload[payload.length - 1 - i];
		}
		return reversed;
	}

	@MqttResponder("test/async")
	CompletableFuture<String> async(String text) {
		return CompletableFuture.supplyAsync(() -> "async:" + text);
	}

	@MqttResponder("test/fail")
	String fail(String text) {
		throw new IllegalArgumentException("cannot handle " + text);
	}

	@MqttResponder("test/void")
	void record(String text) {
		this.recorded.add(text);
	}

	@MqttResponder("test/probe")
	String probe(String text) {
		return text + ":" + this.probes.incrementAndGet();
	}

	@MqttResponder("test/huge")
	String huge(String size) {
		return "x".repeat(Integer.parseInt(size));
	}

	@MqttResponder("test/add")
	Sum add(Addends addends) {
		return new Sum(addends.a() + addends.b());
	}

	@MqttResponder("test/range")
	List<Integer> range(int count) {
		return java.util.stream.IntStream.range(0, count).boxed().toList();
	}

	@MqttResponder("test/wildcard/+/info")
	String wildcard(@Header(MqttHeaders.TOPIC) String topic) {
		return topic;
	}

	@MqttResponder("test/properties")
	Message<String> properties(Message<byte[]> request) {
		Object userProperties = request.getHeaders().get(MqttHeaders.USER_PROPERTIES);
		return MessageBuilder
			.withPayload(request.getHeaders().get(MqttHeaders.CONTENT_TYPE) + "|"
					+ request.getHeaders().get(MqttHeaders.MESSAGE_EXPIRY_INTERVAL))
			.setHeader(MqttHeaders.USER_PROPERTIES, userProperties)
			.build();
	}

	/**
	 * Before answering, publishes two replies that must be ignored: one with foreign correlation
	 * data, one with none.
	 */
	@MqttResponder("test/misbehave")
	String misbehave(String text, @Header(MqttHeaders.RESPONSE_TOPIC) String responseTopic) {
		PublishProperties wrong = PublishProperties.builder().correlationData(new byte[] { 1, 2, 3 }).build();
		TestConnections.publish(this.connection, new OutgoingMessage(responseTopic, "wrong".getBytes(), 1, wrong))
			.join();
		TestConnections.publish(this.connection,
				new OutgoingMessage(responseTopic, "none".getBytes(), 1, PublishProperties.empty()))
			.join();
		return "right:" + text;
	}

	record Addends(int a, int b) {
	}

	record Sum(int sum) {
	}

}
