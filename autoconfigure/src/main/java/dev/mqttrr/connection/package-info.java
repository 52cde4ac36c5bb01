/**
 * The Eclipse Paho v5 implementation of {@link dev.mqttrr.core.MqttConnection}: the session
 * (connect, reconnect, lifecycle), the in-flight publisher and the routing of received messages.
 * The only package that uses Paho, apart from the auto-configuration's options customizer.
 */
@NullMarked
package dev.mqttrr.connection;

import org.jspecify.annotations.NullMarked;
