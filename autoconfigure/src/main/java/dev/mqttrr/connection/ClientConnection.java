package dev.mqttrr.connection;

import java.util.List;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import dev.mqttrr.core.AcknowledgingMqttMessageHandler.Acknowledgement;
import dev.mqttrr.core.MqttDisconnectedException;

/**
 * One Paho client and the one network connection it makes: a new one for every connect attempt,
 * so nothing of an aborted or lost connection (a late CONNACK, publishes Paho would send again,
 * its threads) can reach the next one. Its callback is the only Paho callback: it routes messages
 * and reports the loss of the connection, and does no blocking work.
 */
final class ClientConnection implements MqttCallback {

	private static final Log logger = LogFactory.getLog(ClientConnection.class);

	/** How long a clean disconnect lets publishes in flight (replies among them) be acknowledged. */
	private static final long QUIESCE_MILLIS = 2000;

	final MqttAsyncClient client;

	final PahoConnectionState state;

	/** Whether the broker's CONNACK allows subscription identifiers; set once connected. */
	volatile boolean subscriptionIdentifiers;

	private final MessageRouter router;

	private final BiConsumer<ClientConnection, Throwable> onLost;

	/** Cleared when the connection begins to stop: see {@link #stopAcknowledging()}. */
	private volatile boolean acknowledging = true;

	ClientConnection(MqttAsyncClient client, MessageRouter router, BiConsumer<ClientConnection, Throwable> onLost) {
		this.client = client;
		this.state = new PahoConnectionState(client);
		this.router = router;
		this.onLost = onLost;
		client.setCallback(this);
		// QoS 1 messages are acknowledged when handled (see MessageRouter), not when they arrive.
		client.setManualAcks(true);
	}

	/**
	 * Acknowledge nothing more: called when the connection begins to stop, as publishes start to be
	 * refused. A message not acknowledged by then (a reply that was refused, or a drain that timed
	 * out) stays with the broker, which delivers it again to a persistent session or to another
	 * member of a shared subscription; an acknowledgement sent before the DISCONNECT would tell it
	 * the message was handled while its reply never went out.
	 */
	void stopAcknowledging() {
		this.acknowledging = false;
	}

	/**
	 * Disconnect (with a DISCONNECT packet when connected, after the publishes in flight are
	 * acknowledged; forcibly otherwise, which also aborts a connect in progress) and close the
	 * client, ending its threads. Blocks for up to a few seconds; never call it on Paho's callback
	 * thread.
	 */
	void close() {
		try {
			if (this.client.isConnected()) {
				this.client.disconnect(QUIESCE_MILLIS).waitForCompletion(QUIESCE_MILLIS + 1000);
			}
		}
		catch (MqttException | RuntimeException ex) {
			logger.debug("Clean disconnect failed; closing the connection forcibly", ex);
		}
		try {
			if (!this.client.isConnected()) {
				this.client.disconnectForcibly(0, 0, false);
			}
		}
		catch (MqttException | RuntimeException ex) {
			logger.debug("Forcible disconnect failed", ex);
		}
		try {
			this.client.close(true);
		}
		catch (MqttException | RuntimeException ex) {
			logger.debug("Closing the MQTT client failed", ex);
		}
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
		MqttProperties properties = message.getProperties();
		this.router.dispatch(PahoProperties.fromPaho(topic, message),
				(properties != null) ? properties.getSubscriptionIdentifiers() : List.of(),
				(message.getQos() == 1) ? acknowledgement(message.getId()) : Acknowledgement.NONE);
	}

	/**
	 * Return the acknowledgement of a QoS 1 message: a PUBACK on this connection, the one it came
	 * on (packet identifiers belong to a connection). QoS 2 needs none: Paho sends PUBREC on
	 * receipt and PUBCOMP on PUBREL whatever its manual-ack setting, and acknowledging it again
	 * would send a second PUBCOMP.
	 */
	private Acknowledgement acknowledgement(int messageId) {
		return () -> {
			if (!this.acknowledging) {
				return;
			}
			try {
				this.client.messageArrivedComplete(messageId, 1);
			}
			catch (MqttException | RuntimeException ex) {
				// The connection is gone: the broker delivers the message again to a persistent session.
				logger.debug("Could not acknowledge message " + messageId + ": " + ex.getMessage());
			}
		};
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
		Throwable cause = (response.getException() != null) ? response.getException()
				: new MqttDisconnectedException("The broker closed the connection (reason code "
						+ response.getReturnCode() + ((response.getReasonString() != null)
								? ", " + response.getReasonString() : "") + ")", null);
		this.onLost.accept(this, cause);
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
		logger.warn("MQTT protocol error: " + exception.getMessage(), exception);
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

}
