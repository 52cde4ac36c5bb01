package dev.mqttrr.core.observation;

import java.util.List;

/**
 * The W3C trace context and baggage fields that travel as MQTT 5 user properties. A reply's values
 * are the responder's own: the starter never copies a caller's into a reply.
 */
public final class TracePropagationFields {

	/** W3C Trace Context {@code traceparent}. */
	public static final String TRACEPARENT = "traceparent";

	/** W3C Trace Context {@code tracestate}. */
	public static final String TRACESTATE = "tracestate";

	/** W3C Baggage {@code baggage}. */
	public static final String BAGGAGE = "baggage";

	/** The three fields above. */
	public static final List<String> W3C = List.of(TRACEPARENT, TRACESTATE, BAGGAGE);

	private TracePropagationFields() {
	}

}
