package dev.mqttrr.connection;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttConnection.PublishCallback;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.support.AsyncPermits;

/**
 * Reports a Paho acknowledgement to a {@link PublishCallback}, failing it on reason codes of 0x80
 * and above (which Paho reports as success), and releases the in-flight slot, if any. The
 * description of the action is only built on failure: this runs for every publish.
 */
final class AckListener implements MqttActionListener {

	private final PublishCallback callback;

	private final String verb;

	private final String topic;

	private final AsyncPermits.@Nullable Permit permit;

	AckListener(PublishCallback callback, String verb, String topic, AsyncPermits.@Nullable Permit permit) {
		this.callback = callback;
		this.verb = verb;
		this.topic = topic;
		this.permit = permit;
	}

	@Override
	public void onSuccess(IMqttToken token) {
		releasePermit();
		int[] codes = token.getReasonCodes();
		int code = (codes != null && codes.length > 0) ? codes[0] : 0;
		if (code >= 0x80) {
			this.callback.published(code, new MqttRequestResponseException(
					action() + " was refused by the broker with reason code 0x" + Integer.toHexString(code)
							+ reasonHint(code)));
		}
		else {
			this.callback.published(code, null);
		}
	}

	@Override
	public void onFailure(IMqttToken token, Throwable ex) {
		releasePermit();
		this.callback.published(0, PahoFailures.of(action(), ex));
	}

	private String action() {
		return this.verb + " '" + this.topic + "'";
	}

	private void releasePermit() {
		if (this.permit != null) {
			this.permit.release();
		}
	}

	private static String reasonHint(int code) {
		return switch (code) {
			case 0x87 -> " (not authorized): check the broker's access control for this client";
			case 0x8F -> " (topic filter invalid)";
			case 0x90 -> " (topic name invalid)";
			case 0x95 -> " (packet too large): the payload exceeds the broker's maximum packet size";
			case 0x97 -> " (quota exceeded)";
			case 0x9E -> " (shared subscriptions not supported by this broker)";
			case 0xA1 -> " (subscription identifiers not supported)";
			case 0xA2 -> " (wildcard subscriptions not supported by this broker)";
			default -> "";
		};
	}

}
