package dev.mqttrr.autoconfigure.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MqttHealthIndicator} over a connection and a registry that say what a test
 * wants; {@code HealthIntegrationTests} brings the states about with a real broker.
 */
class MqttHealthIndicatorTests {

	private final MqttConnection connection = mock(MqttConnection.class);

	private final MqttResponderEndpointRegistry registry = mock(MqttResponderEndpointRegistry.class);

	MqttHealthIndicatorTests() {
		given(this.connection.getServerUri()).willReturn("tcp://broker.example:1883");
		given(this.connection.getClientId()).willReturn("orders-1");
		given(this.registry.getEndpoints()).willReturn(List.of());
		given(this.registry.getRefusedSubscriptions()).willReturn(Map.of());
	}

	@Test
	void connectedWithEverySubscriptionGrantedIsUp() {
		given(this.connection.isConnected()).willReturn(true);
		Health health = new MqttHealthIndicator(this.connection, null, this.registry).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnly(Map.entry("url", "tcp://broker.example:1883"),
				Map.entry("clientId", "orders-1"), Map.entry("responders", 0));
	}

	@Test
	void connectedWithARefusedSubscriptionIsDownNamingIt() {
		given(this.connection.isConnected()).willReturn(true);
		given(this.registry.getRefusedSubscriptions())
			.willReturn(Map.of("$share/workers/orders/+", "refused with reason code 0x87"));
		Health health = new MqttHealthIndicator(this.connection, null, this.registry).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "the broker refused 1 responder subscription")
			.containsEntry("refusedSubscriptions", Map.of("$share/workers/orders/+", "refused with reason code 0x87"));
	}

	@Test
	void disconnectedIsDownWithSinceWhenAndTheLastError() {
		Instant since = Instant.parse("2025-06-01T10:15:30Z");
		given(this.connection.getDisconnectedSince()).willReturn(since);
		given(this.connection.getLastConnectionFailure()).willReturn("Connection lost (reason code 32109)");
		Health health = new MqttHealthIndicator(this.connection, null, null).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "not connected to the broker")
			.containsEntry("disconnectedSince", "2025-06-01T10:15:30Z")
			.containsEntry("lastError", "Connection lost (reason code 32109)")
			.doesNotContainKeys("responders", "pendingRequests");
	}

	@Test
	void urlLosesUserInfoAndQuery() {
		assertThat(MqttHealthIndicator.withoutCredentials("ws://user:secret@broker.example:8080/mqtt?token=abc"))
			.isEqualTo("ws://broker.example:8080/mqtt");
		assertThat(MqttHealthIndicator.withoutCredentials("ssl://user:secret@broker.example:8883"))
			.isEqualTo("ssl://broker.example:8883");
		assertThat(MqttHealthIndicator.withoutCredentials("tcp://broker.example:1883"))
			.isEqualTo("tcp://broker.example:1883");
	}

}
