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

	private final MqttReply reply;

	/**
	 * Create an exception from a parsed error reply.
	 * @param type the problem type URI, if any
	 * @param title the problem title
	 * @param detail the problem detail, if any
	 * @param reply the error reply as received
	 */
	public MqttResponderException(@Nullable String type, String title, @Nullable String detail, MqttReply reply) {
		super("Responder replied with an error on '" + reply.topic() + "': " + title
				+ ((detail != null) ? ": " + detail : ""));
		this.type = type;
		this.title = title;
		this.detail = detail;
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
	 * Return the error reply as received.
	 * @return the reply
	 */
	public MqttReply getReply() {
		return this.reply;
	}

}
