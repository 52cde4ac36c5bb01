package dev.mqttrr.connection;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.test.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real Mosquitto, which allows 10 topic aliases in its CONNACK: Paho would use them,
 * and {@link PahoConnectionState} turns them off.
 */
class PahoConnectionStateTests {

	private final TestBroker broker = TestBroker.mosquitto();

	private MqttAsyncClient client;

	@BeforeEach
	void connect() throws Exception {
		this.broker.start();
		this.client = new MqttAsyncClient(this.broker.url(), "aliases-test", new MemoryPersistence());
		this.client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
	}

	@AfterEach
	void disconnect() throws Exception {
		if (this.client != null) {
			this.client.disconnectForcibly(1000);
			this.client.close();
		}
		this.broker.stop();
	}

	@Test
	void pahoTakesTheBrokersLimitAndDisableSetsItToZero() {
		PahoConnectionState state = new PahoConnectionState(this.client);
		assertThat(state.outgoingTopicAliasMaximum()).isEqualTo(10);
		state.disableTopicAliases();
		assertThat(state.outgoingTopicAliasMaximum()).isZero();
	}

}
