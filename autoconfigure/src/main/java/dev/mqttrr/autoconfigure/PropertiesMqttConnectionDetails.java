package dev.mqttrr.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@link MqttConnectionDetails} backed by {@link MqttProperties}.
 */
final class PropertiesMqttConnectionDetails implements MqttConnectionDetails {

	private final MqttProperties properties;

	PropertiesMqttConnectionDetails(MqttProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getUrl() {
		return this.properties.getUrl();
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getPassword();
	}

}
