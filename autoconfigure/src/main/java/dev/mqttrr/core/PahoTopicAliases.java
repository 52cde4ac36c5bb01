package dev.mqttrr.core;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.internal.MqttConnectionState;
import org.jspecify.annotations.Nullable;

/**
 * Keeps Paho from using outgoing topic aliases. When the broker's CONNACK allows them (Mosquitto
 * 2.0 allows 10), Paho 1.2.5 gives a topic an alias while publishing, outside its queue lock: a
 * second thread publishing to the same topic at that moment can send the alias alone before the
 * first message that defines it, and the broker closes the connection with a protocol error
 * (0x82). Concurrent first publishes to a topic after connecting are enough, and request/reply is
 * concurrent by nature. Aliases only shorten topic names on the wire, so turning them off costs a
 * few bytes per message.
 * <p>
 * Paho has no option for this and sets the limit again from every CONNACK; {@link #disable()}
 * puts it back to zero, and is cheap enough to call before every publish.
 */
public final class PahoTopicAliases {

	private static final Log logger = LogFactory.getLog(PahoTopicAliases.class);

	private final @Nullable MqttConnectionState state;

	/**
	 * Look up the connection state of the given client.
	 * @param client the client
	 */
	public PahoTopicAliases(MqttAsyncClient client) {
		this.state = connectionState(client);
	}

	/**
	 * Set the number of outgoing topic aliases Paho may use to zero, if it is not already.
	 */
	public void disable() {
		MqttConnectionState state = this.state;
		if (state != null && outgoingMaximum() > 0) {
			state.setOutgoingTopicAliasMaximum(0);
		}
	}

	/**
	 * Return how many outgoing topic aliases Paho may use now, or -1 if unknown.
	 */
	int outgoingMaximum() {
		MqttConnectionState state = this.state;
		Integer maximum = (state != null) ? state.getOutgoingTopicAliasMaximum() : null;
		return (maximum != null) ? maximum : -1;
	}

	private static @Nullable MqttConnectionState connectionState(MqttAsyncClient client) {
		try {
			Field field = MqttAsyncClient.class.getDeclaredField("mqttConnection");
			field.setAccessible(true);
			return (MqttConnectionState) field.get(client);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Could not turn off Paho's outgoing topic aliases (" + ex + "); concurrent first "
					+ "publishes to a topic may make the broker close the connection with a protocol error");
			return null;
		}
	}

}
