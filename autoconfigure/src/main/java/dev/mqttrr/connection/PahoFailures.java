package dev.mqttrr.connection;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttBrokerUnreachableException;
import dev.mqttrr.core.MqttConnectionException;
import dev.mqttrr.core.MqttCredentialsRefusedException;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.MqttUnsupportedProtocolVersionException;
import dev.mqttrr.support.Exceptions;

/**
 * Maps Paho's failures to mqtt-rr's exceptions: the one place for it.
 */
final class PahoFailures {

	/** TLS alerts by which a broker refuses the client's certificate, or its lack of one. */
	private static final List<String> CLIENT_CERTIFICATE_ALERTS = List.of("certificate_required", "bad_certificate",
			"unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked",
			"unsupported_certificate");

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
		String tlsRefusal = tlsRefusal(ex);
		if (tlsRefusal != null) {
			// A configuration error (trust, host name, client certificate): connecting again cannot help.
			return new MqttConnectionException(target + tlsRefusal, serverUri, tlsRefusal, ex);
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
	 * Return a connection failure in one line, for a health check: Paho's message with its reason
	 * code and the network's message underneath; for an attempt given up, that no CONNACK came.
	 */
	static String describe(Throwable failure, Duration connectTimeout) {
		Throwable ex = Exceptions.unwrap(failure);
		if (ex instanceof MqttException mqtt) {
			return (mqtt.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT)
					? "no CONNACK within " + connectTimeout.toSeconds() + " s" : detail(mqtt);
		}
		if (ex instanceof TimeoutException) {
			return "no CONNACK within " + connectTimeout.toSeconds() + " s";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
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
	 * refused MQTT 5 or the credentials, or a TLS certificate was refused on either side. Waiting
	 * for an unreachable broker makes sense; waiting for a configuration to change does not.
	 */
	static boolean isPermanent(MqttException ex) {
		return refusesMqtt5(ex.getReasonCode()) || refusesCredentials(ex.getReasonCode()) || tlsRefusal(ex) != null;
	}

	/**
	 * Return what to say when the TLS handshake refused a certificate: the broker's here (not
	 * trusted, or not for this host), or ours at the broker (mutual TLS); {@code null} for any other
	 * failure, including a handshake that the network cut short.
	 */
	private static @Nullable String tlsRefusal(Throwable ex) {
		SSLException tls = cause(ex, SSLException.class);
		if (tls == null) {
			return null;
		}
		CertificateException refused = cause(tls, CertificateException.class);
		if (refused != null && (cause(ex, CertPathBuilderException.class) != null
				|| cause(ex, CertPathValidatorException.class) != null)) {
			return "the broker's TLS certificate was not trusted (" + refused.getMessage() + "). Set mqtt.ssl.bundle "
					+ "to an SSL bundle whose trust store holds the certificate authority that signed the broker's "
					+ "certificate (spring.ssl.bundle.pem.<name>.truststore.certificate), or, without a bundle, add "
					+ "that authority to the JVM's default trust store.";
		}
		if (refused != null) {
			String reason = String.valueOf(refused.getMessage());
			// The JDK's host name checker: "No subject alternative ... found", "No name matching ... found".
			boolean host = reason.contains("subject alternative") || reason.contains("No name matching");
			return "the broker's TLS certificate was refused (" + reason + ")." + (host ? " Host names are "
					+ "verified: use a host in mqtt.url that the certificate names in its subject alternative names, "
					+ "or give the broker a certificate for this host." : " Check the broker's certificate.");
		}
		String alert = String.valueOf(tls.getMessage());
		if (CLIENT_CERTIFICATE_ALERTS.stream().anyMatch((name) -> alert.contains("Received fatal alert: " + name))) {
			return "the broker refused the TLS connection (" + alert + "): it wants a client "
					+ "certificate that it trusts. For mutual TLS, give the SSL bundle named by mqtt.ssl.bundle a key "
					+ "store with a client certificate signed by an authority the broker trusts "
					+ "(spring.ssl.bundle.pem.<name>.keystore.certificate and .private-key).";
		}
		return null;
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
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
