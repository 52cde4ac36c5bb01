package dev.mqttrr.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.mqttrr.core.MqttInvalidResponderException;

/**
 * Reports an {@code @MqttResponder} method the starter cannot serve.
 */
class MqttInvalidResponderFailureAnalyzer extends AbstractFailureAnalyzer<MqttInvalidResponderException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttInvalidResponderException cause) {
		return new FailureAnalysis(cause.getProblem(), cause.getAction(), cause);
	}

}
