package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the responder answered with an error reply: a message with content type
 * {@code application/problem+json} whose body is an RFC 9457 problem detail. Carries the
 * problem's fields and the reply itself.
 */
public class MqttResponderException extends MqttRequestResponseException {

	private final @Nullable String type;

	private final String title;

	private final @Nullable String detail;

	private final @Nullable String instance;

	private final MqttReply reply;

	/**
	 * Create an exception from a parsed error reply.
	 * @param requestTopic the topic of the request that failed
	 * @param type the problem type URI, if any
	 * @param title the problem title
	 * @param detail the problem detail, if any
	 * @param instance the problem instance, for a Java responder the request topic, if any
	 * @param reply the error reply as received
	 */
	public MqttResponderException(String requestTopic, @Nullable String type, String title, @Nullable String detail,
			@Nullable String instance, MqttReply reply) {
		super("The responder on '" + requestTopic + "' replied with an error: " + title
				+ ((detail != null) ? ": " + detail : ""));
		this.type = type;
		this.title = title;
		this.detail = detail;
		this.instance = instance;
		this.reply = reply;
	}

	/**
	 * Return the problem type, for a Java responder {@code urn:mqttrr:error:} followed by the
	 * exception's class name.
	 * @return the problem type, or {@code null}
	 */
	public @Nullable String getType() {
		return this.type;
	}

	/**
	 * Return the short summary of the problem.
	 * @return the title
	 */
	public String getTitle() {
		return this.title;
	}

	/**
	 * Return the explanation of this occurrence of the problem.
	 * @return the detail, or {@code null}
	 */
	public @Nullable String getDetail() {
		return this.detail;
	}

	/**
	 * Return the URI of this occurrence of the problem; a Java responder names the request topic.
	 * @return the problem instance, or {@code null}
	 */
	public @Nullable String getInstance() {
		return this.instance;
	}

	/**
	 * Return the error reply as received.
	 * @return the reply
	 */
	public MqttReply getReply() {
		return this.reply;
	}

}
