package dev.mqttrr.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.mqttrr.core.MqttCredentialsRefusedException;

/**
 * Reports credentials the broker refused. The password is not shown.
 */
class MqttCredentialsRefusedFailureAnalyzer extends AbstractFailureAnalyzer<MqttCredentialsRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttCredentialsRefusedException cause) {
		return new FailureAnalysis(ConnectFailures.description(cause),
				"Check mqtt.username and mqtt.password (or the credentials of your MqttConnectionDetails bean) "
						+ "against the users the broker accepts, and that the broker allows this user to connect.",
				cause);
	}

}
