package dev.mqttrr.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details for connecting to an MQTT broker. Defined as a bean by Testcontainers or Docker Compose
 * service connections, or by the embedded broker, to override {@code mqtt.url} and the credentials.
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

}
