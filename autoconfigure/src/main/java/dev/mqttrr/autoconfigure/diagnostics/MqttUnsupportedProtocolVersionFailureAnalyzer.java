package dev.mqttrr.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.mqttrr.core.MqttUnsupportedProtocolVersionException;

/**
 * Reports a broker that does not speak MQTT 5.
 */
class MqttUnsupportedProtocolVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<MqttUnsupportedProtocolVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttUnsupportedProtocolVersionException cause) {
		return new FailureAnalysis(ConnectFailures.description(cause)
				+ " The broker does not speak MQTT 5, only an older version such as MQTT 3.1.1.",
				"mqtt-rr needs MQTT 5: response topics and correlation data are MQTT 5 properties. Point mqtt.url "
						+ "at a broker that speaks MQTT 5, such as Mosquitto 1.6+, HiveMQ, EMQX or VerneMQ, or turn "
						+ "MQTT 5 on in this one.",
				cause);
	}

}
