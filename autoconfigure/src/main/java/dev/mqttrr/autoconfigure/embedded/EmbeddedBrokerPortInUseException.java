package dev.mqttrr.autoconfigure.embedded;

import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttRequestResponseException;

/**
 * Thrown when the embedded broker cannot start because its port is taken, often by another broker
 * or another instance of the application. Spring Boot reports it with what to do.
 */
public class EmbeddedBrokerPortInUseException extends MqttRequestResponseException {

	private final String host;

	private final int port;

	private final String url;

	/**
	 * Create an exception for the given address.
	 * @param host the address the broker was to bind
	 * @param port the port that is in use
	 * @param url the URL clients would have connected to, such as {@code tcp://127.0.0.1:1883}
	 * @param cause the broker's start failure
	 */
	public EmbeddedBrokerPortInUseException(String host, int port, String url, @Nullable Throwable cause) {
		super("The embedded HiveMQ broker did not start: port " + port + " on " + host + " is already in use. "
				+ "Set mqtt.embedded.port to another port (0 picks a free one), or stop what listens there.", cause);
		this.host = host;
		this.port = port;
		this.url = url;
	}

	/**
	 * Return the address the broker was to bind.
	 * @return the host
	 */
	public String getHost() {
		return this.host;
	}

	/**
	 * Return the port that is in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the URL clients would have connected to.
	 * @return the URL, such as {@code tcp://127.0.0.1:1883}
	 */
	public String getUrl() {
		return this.url;
	}

}
