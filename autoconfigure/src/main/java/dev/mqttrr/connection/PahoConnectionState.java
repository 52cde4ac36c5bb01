package dev.mqttrr.connection;

import java.lang.reflect.Field;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.internal.MqttConnectionState;
import org.jspecify.annotations.Nullable;

/**
 * Corrects two values in the connection state of a Paho client, which Paho offers no option for:
 * <ul>
 * <li>Outgoing topic aliases. When the broker's CONNACK allows them (Mosquitto 2.0 allows 10),
 * Paho 1.2.5 gives a topic an alias while publishing, outside its queue lock: a second thread
 * publishing to the same topic at that moment can send the alias alone before the first message
 * that defines it, and the broker closes the connection with a protocol error (0x82). Aliases only
 * shorten topic names on the wire, so {@link #disableTopicAliases()} turns them off; Paho sets the
 * limit again from every CONNACK, and the call is cheap enough to make before every publish.</li>
 * <li>Receive Maximum. Paho reads the broker's value as a signed short, so a broker that
 * advertises more than 32767 leaves a negative window and every QoS 1 and 2 publish fails with
 * error 32202; {@link #setReceiveMaximum(int)} puts the real value back.</li>
 * </ul>
 */
public final class PahoConnectionState {

	private static final Log logger = LogFactory.getLog(PahoConnectionState.class);

	private final @Nullable MqttConnectionState state;

	/**
	 * Look up the connection state of the given client.
	 * @param client the client
	 */
	public PahoConnectionState(MqttAsyncClient client) {
		this.state = connectionState(client);
	}

	/**
	 * Set the number of outgoing topic aliases Paho may use to zero, if it is not already.
	 */
	public void disableTopicAliases() {
		MqttConnectionState state = this.state;
		if (state != null && outgoingTopicAliasMaximum() > 0) {
			state.setOutgoingTopicAliasMaximum(0);
		}
	}

	/**
	 * Return how many outgoing topic aliases Paho may use now, or -1 if unknown.
	 */
	int outgoingTopicAliasMaximum() {
		MqttConnectionState state = this.state;
		Integer maximum = (state != null) ? state.getOutgoingTopicAliasMaximum() : null;
		return (maximum != null) ? maximum : -1;
	}

	/**
	 * Set the number of QoS 1 and 2 publishes Paho lets be in flight at once.
	 * @param receiveMaximum the broker's Receive Maximum, 1 to 65535
	 */
	void setReceiveMaximum(int receiveMaximum) {
		if (this.state != null) {
			this.state.setReceiveMaximum(receiveMaximum);
		}
	}

	/**
	 * Return the broker's Receive Maximum as Paho sees it, or -1 if unknown.
	 */
	int receiveMaximum() {
		return (this.state != null) ? this.state.getReceiveMaximum() : -1;
	}

	/**
	 * Return a Receive Maximum read from a CONNACK as what it is on the wire, an unsigned 16-bit
	 * number; 65535 when the broker sent none.
	 */
	static int unsigned(@Nullable Integer advertised) {
		int value = (advertised != null) ? advertised & 0xFFFF : 0;
		return (value != 0) ? value : 65535;
	}

	private static @Nullable MqttConnectionState connectionState(MqttAsyncClient client) {
		try {
			Field field = MqttAsyncClient.class.getDeclaredField("mqttConnection");
			field.setAccessible(true);
			return (MqttConnectionState) field.get(client);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Could not reach Paho's connection state (" + ex + "); concurrent first publishes to a "
					+ "topic may make the broker close the connection with a protocol error, and a broker Receive "
					+ "Maximum above 32767 breaks QoS 1 and 2 publishes");
			return null;
		}
	}

}
