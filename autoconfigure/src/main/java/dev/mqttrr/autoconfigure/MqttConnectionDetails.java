package dev.mqttrr.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details for connecting to an MQTT broker. Defined as a bean by Testcontainers or Docker Compose
 * service connections, or by the embedded broker, to override {@code mqtt.url}, the credentials and
 * the SSL bundle.
 */
public interface MqttConnectionDetails extends ConnectionDetails {

	/**
	 * Return the broker URL, for example {@code tcp://localhost:1883}.
	 * @return the URL
	 */
	String getUrl();

	/**
	 * Return the login user.
	 * @return the user, or {@code null}
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * Return the login password.
	 * @return the password, or {@code null}
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * Return the SSL bundle to connect with when {@link #getUrl() the URL} is {@code ssl://} or
	 * {@code wss://}.
	 * @return the SSL bundle, or {@code null} for the JVM's default trust store
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
