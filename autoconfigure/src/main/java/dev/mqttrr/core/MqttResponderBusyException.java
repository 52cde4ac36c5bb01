package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the responder answered that it is busy: it already had as many requests queued or
 * running as it takes ({@code mqtt.responder.concurrency} plus {@code mqtt.responder.queue-capacity}
 * on a Java responder), and did not run the method. The request may be sent again, later or to
 * another instance.
 */
public class MqttResponderBusyException extends MqttResponderException {

	/**
	 * Create an exception from a parsed busy reply.
	 * @param requestTopic the topic of the request that was refused
	 * @param title the problem title
	 * @param detail the problem detail, if any
	 * @param instance the problem instance, if any
	 * @param reply the error reply as received
	 */
	public MqttResponderBusyException(String requestTopic, String title, @Nullable String detail,
			@Nullable String instance, MqttReply reply) {
		super(requestTopic, ErrorReplies.BUSY_TYPE, title, detail, instance, reply);
	}

}
