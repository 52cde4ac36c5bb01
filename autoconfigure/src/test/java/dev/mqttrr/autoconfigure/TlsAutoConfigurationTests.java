package dev.mqttrr.autoconfigure;

import java.nio.file.Path;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.internal.NetworkModuleService;
import org.eclipse.paho.mqttv5.client.internal.SSLNetworkModule;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.TcpNoDelaySslSocketFactory;
import dev.mqttrr.test.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code mqtt.ssl.bundle} and {@link MqttConnectionDetails#getSslBundle()} configure the
 * connection options. Nothing connects ({@code mqtt.auto-startup=false}); the handshakes are in
 * {@code TlsIntegrationTests}.
 */
class TlsAutoConfigurationTests {

	private static final String CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("mqtt.url=ssl://localhost:8883", "mqtt.auto-startup=false");

	@TempDir
	Path folder;

	@Test
	void theNamedBundleGivesTheSocketFactoryWithTcpNoDelayAndHostNameVerificationStaysOn() {
		this.contextRunner
			.withPropertyValues("mqtt.ssl.bundle=broker", trustStore(),
					"spring.ssl.bundle.pem.broker.options.ciphers=" + CIPHER)
			.run((context) -> {
				MqttConnectionOptions options = context.getBean(PahoMqttConnection.class).getConnectionOptions();
				assertThat(options.getSocketFactory()).isInstanceOf(TcpNoDelaySslSocketFactory.class);
				assertThat(((SSLSocketFactory) options.getSocketFactory()).getDefaultCipherSuites())
					.as("the bundle's options")
					.containsExactly(CIPHER);
				assertThat(options.isHttpsHostnameVerificationEnabled()).isTrue();
				assertThat(context.getBean(MqttConnectionDetails.class).getSslBundle()).isNotNull();
			});
	}

	@Test
	void pahoTakesTheBundlesSocketFactoryForSslAndWss() {
		// Paho refuses a factory that is no SSLSocketFactory for these schemes (error 32105).
		for (String url : new String[] { "ssl://localhost:8883", "wss://localhost:8443" }) {
			this.contextRunner.withPropertyValues("mqtt.url=" + url, "mqtt.ssl.bundle=broker", trustStore())
				.run((context) -> {
					MqttConnectionOptions options = context.getBean(PahoMqttConnection.class).getConnectionOptions();
					assertThat(NetworkModuleService.createInstance(url, options, "client"))
						.isInstanceOf(SSLNetworkModule.class);
				});
		}
	}

	@Test
	void anUnknownBundleNameFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("mqtt.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(NoSuchSslBundleException.class)
				.hasMessageContaining("SSL bundle name 'missing' cannot be found"))
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("mqtt.ssl.bundle names the SSL bundle 'missing', which is not defined")
				.hasStackTraceContaining("spring.ssl.bundle.pem.missing.*"));
	}

	@Test
	void aBundleNameWithoutSslBundlesInTheContextFailsStartUpSayingSo() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
			.withPropertyValues("mqtt.url=ssl://localhost:8883", "mqtt.auto-startup=false", "mqtt.ssl.bundle=broker")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("there is no SslBundles bean"));
	}

	@Test
	void aBundleWithAUrlWithoutTlsFailsStartUpInsteadOfConnectingInPlainText() {
		this.contextRunner
			.withPropertyValues("mqtt.url=tcp://localhost:1883", "mqtt.ssl.bundle=broker", trustStore())
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("the broker URL 'tcp://localhost:1883' does not use TLS")
				.hasStackTraceContaining("use ssl:// (or wss://) in mqtt.url"));
	}

	@Test
	void withoutABundleTlsUsesTheJvmDefaultsWithTcpNoDelay() {
		this.contextRunner.run((context) -> {
			MqttConnectionOptions options = context.getBean(PahoMqttConnection.class).getConnectionOptions();
			assertThat(options.getSocketFactory()).isInstanceOf(TcpNoDelaySslSocketFactory.class);
			assertThat(options.isHttpsHostnameVerificationEnabled()).isTrue();
		});
	}

	@Test
	void pahoSslPropertiesFromACustomizerAreLeftToPaho() {
		this.contextRunner.withUserConfiguration(PahoSslProperties.class)
			.run((context) -> assertThat(
					context.getBean(PahoMqttConnection.class).getConnectionOptions().getSocketFactory())
				.isNull());
	}

	@Test
	void aConnectionDetailsBeanGivesTheBundle() {
		this.contextRunner.withUserConfiguration(DetailsWithBundle.class)
			.run((context) -> assertThat(((SSLSocketFactory) context.getBean(PahoMqttConnection.class)
				.getConnectionOptions()
				.getSocketFactory()).getDefaultCipherSuites()).containsExactly(CIPHER));
	}

	private String trustStore() {
		TestCertificates authority = TestCertificates.authority(this.folder, "ca");
		return "spring.ssl.bundle.pem.broker.truststore.certificate=file:" + authority.certificate();
	}

	@Configuration(proxyBeanMethods = false)
	static class PahoSslProperties {

		@Bean
		MqttConnectionOptionsCustomizer pahoSslProperties() {
			return (options) -> {
				Properties properties = new Properties();
				properties.setProperty("com.ibm.ssl.protocol", "TLSv1.3");
				options.setSSLProperties(properties);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DetailsWithBundle {

		@Bean
		MqttConnectionDetails mqttConnectionDetails() {
			return new MqttConnectionDetails() {

				@Override
				public String getUrl() {
					return "ssl://localhost:8883";
				}

				@Override
				public @Nullable SslBundle getSslBundle() {
					return SslBundle.of(null, null, SslOptions.of(new String[] { CIPHER }, null));
				}

			};
		}

	}

}
