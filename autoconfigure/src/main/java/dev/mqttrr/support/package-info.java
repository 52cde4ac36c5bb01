/**
 * Shared support: topic rules, header names and the mapping of MQTT 5 properties.
 */
@NullMarked
package dev.mqttrr.support;

import org.jspecify.annotations.NullMarked;
