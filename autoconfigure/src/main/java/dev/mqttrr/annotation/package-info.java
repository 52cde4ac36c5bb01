/**
 * The {@code @MqttResponder} annotation and the post-processor that finds annotated methods.
 */
@NullMarked
package dev.mqttrr.annotation;

import org.jspecify.annotations.NullMarked;
