package dev.mqttrr.integration;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import dev.mqttrr.annotation.MqttResponder;

/**
 * An application with one responder in the shared group {@code workers}; answers with its
 * application name.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SharedResponder {

	final AtomicInteger served = new AtomicInteger();

	private final String name;

	SharedResponder(@Value("${spring.application.name}") String name) {
		this.name = name;
	}

	@MqttResponder(topic = "shared/work", group = "${test.group:workers}")
	String work(String job) {
		this.served.incrementAndGet();
		return this.name;
	}

}
