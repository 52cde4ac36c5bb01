package dev.mqttrr.connection;

import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.UserProperty;

/**
 * Estimates PUBLISH packet sizes, to refuse messages over the broker's Maximum Packet Size before
 * sending them (the broker would close the connection).
 */
final class PacketSizes {

	private PacketSizes() {
	}

	/**
	 * Return whether a message might come near the given limit: a cheap first check, so the exact
	 * estimate (which walks the properties) is only made for large messages.
	 */
	static boolean mightExceed(OutgoingMessage message, long limit) {
		return message.payload().length + 3L * message.topic().length() + 16 * 1024 > limit;
	}

	/**
	 * Return an upper bound of the PUBLISH packet size: fixed header, topic, properties, payload.
	 * Strings count three bytes a character, the UTF-8 worst case.
	 */
	static long estimate(OutgoingMessage message) {
		long size = 5 + 2 + message.topic().length() * 3L + 2 + 4 + message.payload().length;
		PublishProperties properties = message.properties();
		size += 16 + utf8Bound(properties.contentType()) + utf8Bound(properties.responseTopic());
		byte[] correlationData = properties.correlationData();
		size += (correlationData != null) ? correlationData.length + 3 : 0;
		for (UserProperty user : properties.userProperties()) {
			size += 5 + utf8Bound(user.name()) + utf8Bound(user.value());
		}
		return size;
	}

	private static long utf8Bound(@Nullable String value) {
		return (value != null) ? 3 + value.length() * 3L : 0;
	}

}
