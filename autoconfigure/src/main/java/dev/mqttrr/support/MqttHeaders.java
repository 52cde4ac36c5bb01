package dev.mqttrr.support;

import org.springframework.messaging.MessageHeaders;

/**
 * Names of the message headers that carry MQTT 5 properties into and out of
 * {@code @MqttResponder} methods, for use with {@code @Header}.
 */
public final class MqttHeaders {

	private static final String PREFIX = "mqtt_";

	/** The topic the message arrived on ({@code String}). */
	public static final String TOPIC = PREFIX + "topic";

	/** The response topic of a request ({@code String}). */
	public static final String RESPONSE_TOPIC = PREFIX + "responseTopic";

	/** The correlation data of a request ({@code byte[]}). */
	public static final String CORRELATION_DATA = PREFIX + "correlationData";

	/**
	 * The content type ({@code String} or {@code MimeType}); the same header spring-messaging's
	 * converters read.
	 */
	public static final String CONTENT_TYPE = MessageHeaders.CONTENT_TYPE;

	/** The user properties, in order ({@code List<UserProperty>}). */
	public static final String USER_PROPERTIES = PREFIX + "userProperties";

	/** The QoS the message was received with ({@code Integer}). */
	public static final String QOS = PREFIX + "qos";

	/** The message expiry interval in seconds ({@code Long}). */
	public static final String MESSAGE_EXPIRY_INTERVAL = PREFIX + "messageExpiryInterval";

	/** The payload format indicator ({@code Boolean}, {@code true} for UTF-8 text). */
	public static final String PAYLOAD_FORMAT_INDICATOR = PREFIX + "payloadFormatIndicator";

	/** Whether the message was a retained message ({@code Boolean}). */
	public static final String RETAINED = PREFIX + "retained";

	/** Whether the message is a redelivery ({@code Boolean}). */
	public static final String DUPLICATE = PREFIX + "duplicate";

	private MqttHeaders() {
	}

}
