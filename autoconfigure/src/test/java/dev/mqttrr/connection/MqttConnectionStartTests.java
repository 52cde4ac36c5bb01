package dev.mqttrr.connection;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.MqttUnsupportedProtocolVersionException;
import dev.mqttrr.test.Mqtt311OnlyServer;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start-up against a server that speaks only MQTT 3.1.1 ({@link Mqtt311OnlyServer}).
 */
class MqttConnectionStartTests {

	@Test
	void brokerThatRefusesMqtt5FailsStartUpSayingSo() throws Exception {
		try (Mqtt311OnlyServer server = new Mqtt311OnlyServer()) {
			PahoMqttConnection connection = TestConnections.connection(server.url(), "v3-only", 5,
					TestConnections.NO_RECONNECT);
			assertThatExceptionOfType(MqttUnsupportedProtocolVersionException.class).isThrownBy(connection::start)
				.withMessageContaining("does not support MQTT 5")
				.satisfies((ex) -> assertThat(ex.getServerUri()).isEqualTo(server.url()));
			assertThat(server.refusedCount()).isEqualTo(1);
			connection.destroy();
		}
	}

}
