/**
 * Auto-configuration of trace propagation into replies, with Micrometer Tracing.
 */
@NullMarked
package dev.mqttrr.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
