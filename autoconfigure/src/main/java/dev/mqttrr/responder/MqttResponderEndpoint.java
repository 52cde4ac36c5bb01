package dev.mqttrr.responder;

import java.lang.reflect.Method;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.mqttrr.core.MqttTopics;

/**
 * A responder method and where it listens: the result of resolving one
 * {@link dev.mqttrr.annotation.MqttResponder @MqttResponder}.
 *
 * @param bean the bean that owns the method
 * @param method the method to invoke (invocable on the bean, also through a proxy)
 * @param topic the topic filter, placeholders resolved
 * @param qos the QoS of the subscription and the replies: 0 or 1
 * @param group the shared-subscription group, empty for none
 */
public record MqttResponderEndpoint(Object bean, Method method, String topic, int qos, String group) {

	/**
	 * Create an endpoint, checking the topic, QoS and group.
	 * @param bean the bean
	 * @param method the method
	 * @param topic the topic filter
	 * @param qos the QoS
	 * @param group the group, may be empty
	 */
	public MqttResponderEndpoint {
		Assert.hasText(topic, () -> "@MqttResponder on " + describe(method) + " needs a topic");
		Assert.isTrue(qos >= 0 && qos <= 1, () -> "@MqttResponder on " + describe(method) + ": qos " + qos
				+ " is not supported; use 1 (the default) or 0. A QoS 1 request is acknowledged once its reply is"
				+ " sent, so the broker delivers it again if the application stops before that; Paho acknowledges"
				+ " QoS 2 on receipt (PUBREC), which would lose such a request. Requests published with QoS 2"
				+ " arrive as QoS 1");
		MqttTopics.validateTopicFilter(topic, "topic");
		MqttTopics.sharedFilter(group, topic);
	}

	/**
	 * Return the filter to subscribe to: the topic, or {@code $share/<group>/<topic>}.
	 * @return the subscription filter
	 */
	public String subscriptionFilter() {
		return MqttTopics.sharedFilter(this.group, this.topic);
	}

	/**
	 * Return the method as {@code Class.method}, for messages.
	 * @return a readable name of the method
	 */
	public String methodName() {
		return describe(this.method);
	}

	static String describe(Method method) {
		return ClassUtils.getQualifiedMethodName(method);
	}

}
