package dev.mqttrr.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link MqttConnectionDetails} backed by {@link MqttProperties}; the SSL bundle named by
 * {@code mqtt.ssl.bundle} comes from {@link SslBundles}, as in Boot's own properties-backed
 * connection details.
 */
final class PropertiesMqttConnectionDetails implements MqttConnectionDetails {

	private final MqttProperties properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesMqttConnectionDetails(MqttProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
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

	/**
	 * Return the bundle {@code mqtt.ssl.bundle} names.
	 * @throws NoSuchSslBundleException if no bundle has that name
	 */
	@Override
	public @Nullable SslBundle getSslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (!StringUtils.hasLength(name)) {
			return null;
		}
		Assert.state(this.sslBundles != null,
				() -> "mqtt.ssl.bundle is set to '" + name + "' but there is no SslBundles bean in the context");
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new NoSuchSslBundleException(name, "mqtt.ssl.bundle names the SSL bundle '" + name
					+ "', which is not defined: define it with spring.ssl.bundle.pem." + name
					+ ".* or spring.ssl.bundle.jks." + name + ".*, or correct the name", ex);
		}
	}

}
