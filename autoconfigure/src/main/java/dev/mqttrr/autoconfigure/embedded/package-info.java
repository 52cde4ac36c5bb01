/**
 * An embedded HiveMQ Community Edition broker for development and tests.
 */
@NullMarked
package dev.mqttrr.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
