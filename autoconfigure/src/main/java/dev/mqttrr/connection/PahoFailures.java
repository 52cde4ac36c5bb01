package dev.mqttrr.connection;

import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

import dev.mqttrr.core.MqttBrokerUnreachableException;
import dev.mqttrr.core.MqttConnectionException;
import dev.mqttrr.core.MqttCredentialsRefusedException;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.MqttUnsupportedProtocolVersionException;

/**
 * Maps Paho's failures to mqtt-rr's exceptions: the one place for it.
 */
final class PahoFailures {

	/** CONNACK reason code of an MQTT 5 broker that refuses protocol version 5. */
	private static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;

	private PahoFailures() {
	}

	/**
	 * Return the exception for a failed first connect, with a message that says what to do: a
	 * subtype for a broker without MQTT 5, refused credentials and an unreachable broker (no
	 * CONNACK), the base type for other refusals.
	 */
	static MqttConnectionException connect(String serverUri, String clientId, Duration timeout, MqttException ex) {
		String target = "Could not connect to the MQTT broker at " + serverUri + " as '" + clientId + "': ";
		int code = ex.getReasonCode();
		// 0x84 from an MQTT 5 broker that refuses version 5; a 3.1.1-only broker answers with a
		// 3.1.1 CONNACK whose return code 1 is no MQTT 5 reason code, which Paho reports as 50001.
		if (refusesMqtt5(code)) {
			String problem = "the broker refused protocol version 5: " + detail(ex);
			return new MqttUnsupportedProtocolVersionException(target + problem + ". It does not support MQTT 5, "
					+ "which mqtt-rr needs for response topics and correlation data: use a broker that speaks it, "
					+ "such as Mosquitto 1.6+, HiveMQ, EMQX or VerneMQ.", serverUri, problem, ex);
		}
		if (refusesCredentials(code)) {
			String problem = "the broker refused the credentials (reason code " + code + ", " + connackName(code)
					+ ")";
			return new MqttCredentialsRefusedException(target + problem + ". Check mqtt.username and mqtt.password.",
					serverUri, problem, ex);
		}
		if (code == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
			String problem = "no CONNACK within " + timeout.toSeconds() + " s";
			return new MqttBrokerUnreachableException(
					target + problem + ". Check mqtt.url and that the broker is reachable.", serverUri, problem, ex);
		}
		String problem = detail(ex);
		String message = target + problem + ". Check mqtt.url and that the broker is running.";
		// Reason codes below 0x100 come from a CONNACK: the broker was reached and said no.
		return (code < 0x100) ? new MqttConnectionException(message, serverUri, problem, ex)
				: new MqttBrokerUnreachableException(message, serverUri, problem, ex);
	}

	/**
	 * Return Paho's message with its reason code, and the network's message underneath (such as
	 * "Connection refused"), which Paho leaves out of its own.
	 */
	private static String detail(MqttException ex) {
		Throwable cause = ex.getCause();
		String network = (cause != null && cause.getMessage() != null) ? ": " + cause.getMessage() : "";
		return ex.getMessage() + network + " (reason code " + ex.getReasonCode() + ")";
	}

	private static String connackName(int code) {
		return switch (code) {
			case 0x86, 4 -> "bad user name or password";
			default -> "not authorized";
		};
	}

	/**
	 * Return whether a failed connect will fail the same way however often it is tried: the broker
	 * refused MQTT 5 or the credentials. Waiting for an unreachable broker makes sense; waiting for
	 * these does not.
	 */
	static boolean isPermanent(MqttException ex) {
		return refusesMqtt5(ex.getReasonCode()) || refusesCredentials(ex.getReasonCode());
	}

	/**
	 * Return whether Paho failed an action because the connection is gone: not connected, lost,
	 * closing or closed, or timed out waiting for the broker (the keep-alive found the link dead).
	 */
	private static boolean meansDisconnected(int code) {
		return code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
				|| code == MqttClientException.REASON_CODE_CONNECTION_LOST
				|| code == MqttClientException.REASON_CODE_CLIENT_TIMEOUT
				|| code == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
				|| code == MqttClientException.REASON_CODE_CLIENT_CLOSED;
	}

	private static boolean refusesMqtt5(int code) {
		return code == UNSUPPORTED_PROTOCOL_VERSION || code == MqttException.REASON_CODE_INVALID_RETURN_CODE
				|| code == MqttException.REASON_CODE_UNSUPPORTED_PROTOCOL_VERSION;
	}

	private static boolean refusesCredentials(int code) {
		return code == 0x86 || code == 0x87 || code == 4 || code == 5;
	}

	/**
	 * Return the exception for a failed action: as it is when it is already ours,
	 * {@link MqttDisconnectedException} when the client was not connected, otherwise the root type
	 * with Paho's message.
	 */
	static MqttRequestResponseException of(String action, Throwable ex) {
		if (ex instanceof MqttRequestResponseException mqtt) {
			return mqtt;
		}
		if (ex instanceof MqttException mqtt && meansDisconnected(mqtt.getReasonCode())) {
			return new MqttDisconnectedException(action + " failed: the connection is gone (" + ex.getMessage()
					+ ")", ex);
		}
		return new MqttRequestResponseException(action + " failed: " + ex.getMessage(), ex);
	}

}
