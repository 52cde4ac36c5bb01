package dev.mqttrr.benchmarks;

import java.util.concurrent.Semaphore;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import dev.mqttrr.connection.PahoConnectionState;
import dev.mqttrr.connection.TcpNoDelaySocketFactory;

/**
 * Plain Paho v5, used the way a careful hand-written client would: memory persistence,
 * TCP_NODELAY, one callback, a semaphore sized to the broker's Receive Maximum so that QoS 1
 * publishes never hit Paho's error 32202, and outgoing topic aliases off (see
 * {@link PahoConnectionState}).
 */
final class RawPaho implements AutoCloseable {

	final MqttAsyncClient client;

	final Semaphore inflight;

	private RawPaho(MqttAsyncClient client, int receiveMaximum) {
		this.client = client;
		this.inflight = new Semaphore(receiveMaximum);
	}

	static RawPaho connect(String url, String clientId, MessageCallback callback) throws MqttException {
		MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
		client.setCallback(new MqttCallback() {

			@Override
			public void messageArrived(String topic, MqttMessage message) {
				callback.messageArrived(topic, message);
			}

			@Override
			public void disconnected(MqttDisconnectResponse response) {
				// The raw clients do not reconnect: say why every following request of theirs fails.
				System.err.println("Raw client '" + clientId + "' lost its connection: reason code "
						+ response.getReturnCode() + ", " + response.getReasonString() + ", "
						+ response.getException());
			}

			@Override
			public void mqttErrorOccurred(MqttException exception) {
				System.err.println("Raw client '" + clientId + "': MQTT protocol error " + exception);
			}

			@Override
			public void deliveryComplete(IMqttToken token) {
			}

			@Override
			public void connectComplete(boolean reconnect, String serverURI) {
			}

			@Override
			public void authPacketArrived(int reasonCode, MqttProperties properties) {
			}

		});
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setSocketFactory(new TcpNoDelaySocketFactory());
		IMqttToken token = client.connect(options);
		token.waitForCompletion(10_000);
		// Paho's topic alias race closes the connection on concurrent first publishes; these
		// clients connect once and never reconnect, so turning aliases off once is enough.
		new PahoConnectionState(client).disableTopicAliases();
		Integer receiveMaximum = token.getResponseProperties().getReceiveMaximum();
		return new RawPaho(client, (receiveMaximum != null) ? receiveMaximum : 65535);
	}

	/**
	 * Publish, waiting for an in-flight slot first when QoS is above 0. Must not be called on
	 * Paho's callback thread.
	 */
	void publish(String topic, byte[] payload, int qos, MqttProperties properties) throws Exception {
		if (qos == 0) {
			this.client.publish(topic, new MqttMessage(payload, 0, false, properties));
			return;
		}
		this.inflight.acquire();
		try {
			this.client.publish(topic, new MqttMessage(payload, qos, false, properties), null, new MqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					RawPaho.this.inflight.release();
				}

				@Override
				public void onFailure(IMqttToken token, Throwable ex) {
					RawPaho.this.inflight.release();
				}

			});
		}
		catch (MqttException | RuntimeException ex) {
			this.inflight.release();
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			this.client.disconnect().waitForCompletion(5_000);
			this.client.close();
		}
		catch (MqttException ex) {
			// Closing after the run: nothing to recover.
		}
	}

	@FunctionalInterface
	interface MessageCallback {

		void messageArrived(String topic, MqttMessage message);

	}

}
