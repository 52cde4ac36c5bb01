package dev.mqttrr.core.observation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;

/**
 * The low-cardinality key values and the contextual name of one kind of observation, made once
 * per destination and outcome rather than on every observation: a convention is asked for them
 * when each observation starts and again when it stops, and they repeat from one message to the
 * next. Used by the default conventions of {@code mqtt.request} and {@code mqtt.responder}.
 * <p>
 * Keeps at most {@value #MAX_DESTINATIONS} destinations; past that, values are made on each call,
 * so that callers writing a topic per device cannot grow this without bound.
 */
public final class DestinationKeyValues {

	/** How many destinations are kept. */
	public static final int MAX_DESTINATIONS = 1024;

	private static final MqttOutcome[] OUTCOMES = MqttOutcome.values();

	private final KeyValues common;

	private final KeyName destinationKey;

	private final KeyName outcomeKey;

	private final String contextualNameSuffix;

	private final ConcurrentMap<String, Destination> destinations = new ConcurrentHashMap<>();

	/**
	 * Create the key values of one kind of observation.
	 * @param common the key values every observation of the kind has
	 * @param destinationKey the key whose value is the destination
	 * @param outcomeKey the key whose value is the {@link MqttOutcome#value() outcome}
	 * @param operation the operation, appended to the destination for the contextual name
	 */
	public DestinationKeyValues(KeyValues common, KeyName destinationKey, KeyName outcomeKey, String operation) {
		this.common = common;
		this.destinationKey = destinationKey;
		this.outcomeKey = outcomeKey;
		this.contextualNameSuffix = " " + operation;
	}

	/**
	 * Return the low-cardinality key values of an observation.
	 * @param destination the topic or filter the observation is about
	 * @param outcome how it ended
	 * @return the common key values, the destination and the outcome
	 */
	public KeyValues keyValues(String destination, MqttOutcome outcome) {
		return destination(destination).keyValues[outcome.ordinal()];
	}

	/**
	 * Return the contextual name of an observation: the destination and the operation, as
	 * OpenTelemetry's messaging conventions name spans.
	 * @param destination the topic or filter the observation is about
	 * @return for example {@code services/translate request}
	 */
	public String contextualName(String destination) {
		return destination(destination).contextualName;
	}

	private Destination destination(String destination) {
		Destination known = this.destinations.get(destination);
		if (known != null) {
			return known;
		}
		Destination made = new Destination(destination);
		if (this.destinations.size() < MAX_DESTINATIONS) {
			this.destinations.putIfAbsent(destination, made);
		}
		return made;
	}

	private final class Destination {

		private final KeyValues[] keyValues = new KeyValues[OUTCOMES.length];

		private final String contextualName;

		private Destination(String destination) {
			KeyValues withDestination = DestinationKeyValues.this.common
				.and(DestinationKeyValues.this.destinationKey.withValue(destination));
			for (MqttOutcome outcome : OUTCOMES) {
				this.keyValues[outcome.ordinal()] = withDestination
					.and(DestinationKeyValues.this.outcomeKey.withValue(outcome.value()));
			}
			this.contextualName = destination + DestinationKeyValues.this.contextualNameSuffix;
		}

	}

}
