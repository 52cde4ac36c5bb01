package dev.mqttrr.core;

/**
 * Told when an {@link MqttConnection} connects, reconnects or loses its connection. Called on the
 * connection's task executor, never on Paho's callback thread.
 */
public interface MqttConnectionListener {

	/**
	 * Called after every successful connect.
	 * @param reconnect {@code false} for the first connect, {@code true} afterwards
	 */
	default void connected(boolean reconnect) {
	}

	/**
	 * Called when the connection is lost or closed.
	 * @param cause why the connection went away
	 */
	default void connectionLost(Throwable cause) {
	}

}
