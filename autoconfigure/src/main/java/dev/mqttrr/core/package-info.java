/**
 * Request/response core: the request template and its operations interface, value types,
 * exceptions, topic rules, payload conversion and error replies, and the {@link MqttConnection}
 * interface the template and the responders use.
 */
@NullMarked
package dev.mqttrr.core;

import org.jspecify.annotations.NullMarked;
