/**
 * Spring Boot failure analyzers: a start-up that fails because of the broker, the credentials or
 * an {@code @MqttResponder} prints what happened and what to do, in Boot's "APPLICATION FAILED TO
 * START" report.
 */
@NullMarked
package dev.mqttrr.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
