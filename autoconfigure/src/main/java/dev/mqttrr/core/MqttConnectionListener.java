package dev.mqttrr.core;

/**
 * Told when an {@link MqttConnection} connects, reconnects or loses its connection. Called on the
 * connection's own threads, never on its I/O thread, one event at a time in the order they
 * happened; the event of a stop is told on the thread that stops the connection.
 */
public interface MqttConnectionListener {

	/**
	 * Called after every successful connect.
	 * @param reconnect {@code false} for the first connect, {@code true} afterwards
	 */
	default void connected(boolean reconnect) {
	}

	/**
	 * Called when the connection is lost or stopped.
	 * @param cause why the connection went away
	 */
	default void connectionLost(Throwable cause) {
	}

}
