/**
 * Spring Boot auto-configuration for mqtt-rr.
 */
@NullMarked
package dev.mqttrr.autoconfigure;

import org.jspecify.annotations.NullMarked;
