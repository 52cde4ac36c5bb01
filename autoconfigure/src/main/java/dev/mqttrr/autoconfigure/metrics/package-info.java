/**
 * Auto-configuration of the MQTT meters, with Micrometer.
 */
@NullMarked
package dev.mqttrr.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
