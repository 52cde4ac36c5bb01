package dev.mqttrr.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.mqttrr.core.MqttBrokerUnreachableException;

/**
 * Reports a broker that could not be reached at start-up with {@code mqtt.fail-fast=true}.
 */
class MqttBrokerUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<MqttBrokerUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttBrokerUnreachableException cause) {
		return new FailureAnalysis(ConnectFailures.description(cause)
				+ " With mqtt.fail-fast=true a broker that cannot be reached fails start-up.",
				"Start the broker, or correct mqtt.url (or the MqttConnectionDetails bean that supplies the URL) "
						+ "so that it names a running MQTT 5 broker this machine can reach: host, port, firewall, and "
						+ "TLS for ssl:// and wss://. To start without the broker and connect once it is up, remove "
						+ "mqtt.fail-fast=true.",
				cause);
	}

}
