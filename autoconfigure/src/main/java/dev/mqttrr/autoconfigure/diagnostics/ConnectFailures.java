package dev.mqttrr.autoconfigure.diagnostics;

import dev.mqttrr.core.MqttConnectionException;

/**
 * The description the connection failure analyzers share.
 */
final class ConnectFailures {

	private ConnectFailures() {
	}

	/** Return "could not connect to the broker at ...: ..." for a failed connect. */
	static String description(MqttConnectionException ex) {
		String problem = (ex.getProblem() != null) ? ex.getProblem() : ex.getMessage();
		return "mqtt-rr could not connect to the MQTT broker at " + ex.getServerUri() + ": " + problem + ".";
	}

}
