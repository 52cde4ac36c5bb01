/**
 * Testcontainers service connections: {@code @ServiceConnection} on a HiveMQ or Mosquitto
 * container gives the application an {@link dev.mqttrr.autoconfigure.MqttConnectionDetails} for
 * it. Loaded by Spring Boot's {@code spring-boot-testcontainers} only, through
 * {@code META-INF/spring.factories}.
 */
@NullMarked
package dev.mqttrr.testcontainers;

import org.jspecify.annotations.NullMarked;
