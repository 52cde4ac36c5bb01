/**
 * Docker Compose service connections: a running {@code eclipse-mosquitto},
 * {@code hivemq/hivemq-ce} or {@code emqx/emqx} service gives the application an
 * {@link dev.mqttrr.autoconfigure.MqttConnectionDetails} for it. Loaded by Spring Boot's
 * {@code spring-boot-docker-compose} only, through {@code META-INF/spring.factories}.
 */
@NullMarked
package dev.mqttrr.docker.compose;

import org.jspecify.annotations.NullMarked;
