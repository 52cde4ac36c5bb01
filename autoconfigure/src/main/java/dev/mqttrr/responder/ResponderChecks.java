package dev.mqttrr.responder;

import java.lang.reflect.Method;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

import dev.mqttrr.core.MqttInvalidResponderException;
import dev.mqttrr.core.MqttTopics;

/**
 * The checks that refuse responders the starter cannot serve, with messages that name the
 * methods.
 */
final class ResponderChecks {

	private ResponderChecks() {
	}

	/**
	 * Refuse a method with more than one parameter that would receive the payload.
	 */
	static void checkSignature(MqttResponderEndpoint endpoint) {
		Method method = endpoint.method();
		int payloadParameters = 0;
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			boolean resolvedOtherwise = parameter.hasParameterAnnotation(Header.class)
					|| parameter.hasParameterAnnotation(Headers.class) || Message.class.isAssignableFrom(type)
					|| MessageHeaders.class.isAssignableFrom(type);
			if (!resolvedOtherwise) {
				payloadParameters++;
			}
		}
		if (payloadParameters > 1) {
			throw new MqttInvalidResponderException("@MqttResponder method " + endpoint.methodName() + " has "
					+ payloadParameters + " parameters that would each receive the payload.",
					"Keep one payload parameter and annotate the others with @Header, or take Message<?>.", null);
		}
	}

	/**
	 * Refuse responders whose filters overlap, for a broker without subscription identifiers: a
	 * request that matches both would arrive twice, and each copy would reach both methods.
	 */
	static void checkNoOverlap(List<MqttResponderEndpoint> endpoints, String serverUri) {
		for (int i = 0; i < endpoints.size(); i++) {
			MqttResponderEndpoint first = endpoints.get(i);
			for (int j = i + 1; j < endpoints.size(); j++) {
				MqttResponderEndpoint second = endpoints.get(j);
				if (!first.subscriptionFilter().equals(second.subscriptionFilter())
						&& MqttTopics.overlap(first.subscriptionFilter(), second.subscriptionFilter())) {
					throw new MqttInvalidResponderException("@MqttResponder methods " + first.methodName() + " ('"
							+ first.subscriptionFilter() + "') and " + second.methodName() + " ('"
							+ second.subscriptionFilter() + "') subscribe to overlapping topic filters, and the broker "
							+ "at " + serverUri + " does not support MQTT 5 subscription identifiers: a request that "
							+ "matches both would reach each method twice.",
							"Use filters that do not overlap, or a broker with subscription identifiers (Mosquitto 2, "
									+ "HiveMQ, EMQX).",
							null);
				}
			}
		}
	}

}
