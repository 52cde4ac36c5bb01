package dev.mqttrr.autoconfigure.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code mqtt.embedded.enabled} is true, or when it is unset and {@code mqtt.url} is
 * not set either.
 */
class OnEmbeddedBrokerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		Boolean enabled = environment.getProperty("mqtt.embedded.enabled", Boolean.class);
		if (enabled != null) {
			return new ConditionOutcome(enabled, "mqtt.embedded.enabled is " + enabled);
		}
		if (environment.containsProperty("mqtt.url")) {
			return ConditionOutcome.noMatch("mqtt.url is set");
		}
		return ConditionOutcome.match("mqtt.url and mqtt.embedded.enabled are not set");
	}

}
