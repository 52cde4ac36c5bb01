/**
 * Micrometer observations of requests: the {@code mqtt.request} observation, its context, its
 * replaceable convention, and the outcomes shared with the responder's observation. Depends on
 * nothing else of mqtt-rr, so that the template can use it.
 */
@NullMarked
package dev.mqttrr.core.observation;

import org.jspecify.annotations.NullMarked;
