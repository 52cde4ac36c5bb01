package dev.mqttrr.responder;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttInvalidTopicException;
import dev.mqttrr.core.MqttTopics;

/**
 * Which response topics a responder answers on. A request names its response topic, and anyone
 * who may publish a request could otherwise make a responder write where they may not, answer
 * itself, or flood a topic: refused are an empty topic, wildcards, topics starting with {@code $}
 * (the broker's), the application's own request topics, and, when allowed topic filters are
 * given, every topic outside them.
 */
final class ResponseTopicPolicy {

	private final List<String> allowed;

	private final Supplier<List<MqttResponderEndpoint>> endpoints;

	/**
	 * Create a policy.
	 * @param allowed the topic filters response topics must match, empty for any
	 * @param endpoints the application's responders, whose request filters are refused
	 */
	ResponseTopicPolicy(List<String> allowed, Supplier<List<MqttResponderEndpoint>> endpoints) {
		allowed.forEach((filter) -> MqttTopics.validateTopicFilter(filter, "mqtt.responder.allowed-response-topics"));
		this.allowed = List.copyOf(allowed);
		this.endpoints = endpoints;
	}

	/**
	 * Return why a response topic is refused, or {@code null} when it is fine.
	 * @param responseTopic the response topic of a request
	 * @return the reason, to follow the response topic in a message
	 */
	@Nullable String refusal(String responseTopic) {
		try {
			MqttTopics.validateResponseTopic(responseTopic);
		}
		catch (MqttInvalidTopicException ex) {
			return "is not one a caller of this starter would send: " + ex.getMessage();
		}
		for (MqttResponderEndpoint endpoint : this.endpoints.get()) {
			if (MqttTopics.matches(endpoint.topic(), responseTopic)) {
				return "is a request topic of this application (" + endpoint.topic() + ")";
			}
		}
		if (!this.allowed.isEmpty()
				&& this.allowed.stream().noneMatch((filter) -> MqttTopics.matches(filter, responseTopic))) {
			return "is not in mqtt.responder.allowed-response-topics";
		}
		return null;
	}

}
