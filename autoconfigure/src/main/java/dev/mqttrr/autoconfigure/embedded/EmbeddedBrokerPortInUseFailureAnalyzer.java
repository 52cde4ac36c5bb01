package dev.mqttrr.autoconfigure.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an embedded broker whose port is taken, as Spring Boot reports a web server's.
 */
class EmbeddedBrokerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedBrokerPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedBrokerPortInUseException cause) {
		int port = cause.getPort();
		return new FailureAnalysis(
				"The embedded MQTT broker (HiveMQ CE) could not start: port " + port + " on " + cause.getHost()
						+ " is already in use.",
				"Stop the process that listens on port " + port + " (it may be another MQTT broker, or another "
						+ "instance of this application), or set mqtt.embedded.port to another port (0 picks a free "
						+ "one). To use a broker that already runs there instead of the embedded one, set "
						+ "mqtt.url=" + cause.getUrl() + ".",
				cause);
	}

}
