/**
 * Micrometer observations of responders: the {@code mqtt.responder} observation, its context and
 * replaceable convention, and the hook that writes the responder's trace context into replies.
 */
@NullMarked
package dev.mqttrr.responder.observation;

import org.jspecify.annotations.NullMarked;
