package dev.mqttrr.autoconfigure;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Callback to adjust the auto-configured Paho {@link MqttConnectionOptions} before the client
 * connects, for example to set a will message or TLS properties.
 */
@FunctionalInterface
public interface MqttConnectionOptionsCustomizer {

	/**
	 * Customize the options.
	 * @param options the options to adjust
	 */
	void customize(MqttConnectionOptions options);

}
