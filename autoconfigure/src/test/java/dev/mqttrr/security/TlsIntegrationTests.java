package dev.mqttrr.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.MqttConnectionOptionsCustomizer;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.TcpNoDelaySslSocketFactory;
import dev.mqttrr.core.MqttRequestOperations;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestCertificates;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * TLS through Spring Boot SSL bundles ({@code mqtt.ssl.bundle}) against a real Mosquitto TLS
 * listener, with certificates this test makes: a request/reply round trip, mutual TLS, and the
 * certificates that must be refused.
 */
class TlsIntegrationTests {

	@TempDir
	static Path folder;

	static TestCertificates authority;

	static TestCertificates otherAuthority;

	static TestCertificates server;

	static TestCertificates otherHostServer;

	static TestCertificates client;

	private MosquittoBroker broker;

	@BeforeAll
	static void makeCertificates() {
		authority = TestCertificates.authority(folder, "test-ca");
		otherAuthority = TestCertificates.authority(folder, "other-ca");
		server = authority.server("broker", "localhost", "127.0.0.1");
		otherHostServer = authority.server("other-host", "mqtt.example.test");
		client = authority.client("app");
	}

	@AfterEach
	void stopBroker() {
		if (this.broker != null) {
			this.broker.stop();
		}
	}

	@Test
	void requestAndReplyOverTlsWithTheBundleItsProtocolsHostnameVerificationAndTcpNoDelay() throws IOException {
		startBroker(server, false);
		try (ConfigurableApplicationContext context = run("ssl://127.0.0.1:" + this.broker.port(),
				trustingBundle(authority), "spring.ssl.bundle.pem.mqtt.options.enabled-protocols=TLSv1.2")) {
			assertThat(echo(context)).isEqualTo("hello over TLS");
			PahoMqttConnection connection = context.getBean(PahoMqttConnection.class);
			assertThat(connection.getConnectionOptions().isHttpsHostnameVerificationEnabled()).isTrue();
			SSLSocket socket = context.getBean(RecordingSocketFactory.class).lastSocket();
			assertThat(socket.isConnected()).isTrue();
			assertThat(socket.getTcpNoDelay()).as("TCP_NODELAY on the TLS socket").isTrue();
			assertThat(socket.getSession().getProtocol()).as("the bundle's enabled protocols").isEqualTo("TLSv1.2");
			assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		}
	}

	@Test
	void requestAndReplyOverSecureWebSocketWithTheBundleHostnameVerificationAndTcpNoDelay() throws IOException {
		this.broker = new MosquittoBroker();
		int webSocketPort = this.broker.addWebSocketListener("""
				certfile %s
				keyfile %s
				""".formatted(server.certificate(), server.privateKey()));
		this.broker.start();
		try (ConfigurableApplicationContext context = run("wss://127.0.0.1:" + webSocketPort,
				trustingBundle(authority))) {
			assertThat(echo(context)).isEqualTo("hello over TLS");
			SSLSocket socket = context.getBean(RecordingSocketFactory.class).lastSocket();
			assertThat(socket.getTcpNoDelay()).as("TCP_NODELAY on the TLS socket").isTrue();
			assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		}
	}

	@Test
	void mutualTlsWithTheClientCertificateOfTheBundle() throws IOException {
		startBroker(server, true);
		try (ConfigurableApplicationContext context = run("ssl://localhost:" + this.broker.port(),
				trustingBundle(authority),
				"spring.ssl.bundle.pem.mqtt.keystore.certificate=file:" + client.certificate(),
				"spring.ssl.bundle.pem.mqtt.keystore.private-key=file:" + client.privateKey())) {
			assertThat(echo(context)).isEqualTo("hello over TLS");
			assertThat(context.getBean(RecordingSocketFactory.class).lastSocket().getTcpNoDelay()).isTrue();
		}
	}

	@Test
	void aBundleThatTrustsAnotherAuthorityFailsStartUpSayingTheCertificateIsNotTrustedAndWhatToDo() {
		startBroker(server, false);
		// Without mqtt.fail-fast: a certificate refused is a configuration error, not a broker to wait for.
		Throwable failure = catchThrowable(
				() -> run("ssl://127.0.0.1:" + this.broker.port(), trustingBundle(otherAuthority)).close());
		assertThat(failure).hasRootCauseInstanceOf(CertPathBuilderException.class)
			.hasStackTraceContaining("the broker's TLS certificate was not trusted")
			.hasStackTraceContaining("Set mqtt.ssl.bundle to an SSL bundle whose trust store holds the certificate "
					+ "authority that signed the broker's certificate");
	}

	@Test
	void withoutABundleTheJvmTrustStoreIsUsedAndDoesNotTrustTheTestAuthority() {
		startBroker(server, false);
		Throwable failure = catchThrowable(() -> run("ssl://127.0.0.1:" + this.broker.port()).close());
		assertThat(failure).hasStackTraceContaining("the broker's TLS certificate was not trusted");
	}

	@Test
	void aCertificateForAnotherHostIsRefusedBecauseHostNamesAreVerified() {
		startBroker(otherHostServer, false);
		Throwable failure = catchThrowable(
				() -> run("ssl://127.0.0.1:" + this.broker.port(), trustingBundle(authority)).close());
		assertThat(failure).hasStackTraceContaining("the broker's TLS certificate was refused")
			.hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1 found")
			.hasStackTraceContaining("use a host in mqtt.url that the certificate names");
	}

	@Test
	void mutualTlsWithoutAClientCertificateFailsStartUpSayingTheBrokerWantsOne() {
		startBroker(server, true);
		// Under TLS 1.3 the broker's alert comes after the client's handshake: Paho reports a lost
		// connection (32109) caused by it. Seen in every one of 16 runs here.
		Throwable failure = catchThrowable(
				() -> run("ssl://127.0.0.1:" + this.broker.port(), trustingBundle(authority)).close());
		assertThat(failure).hasStackTraceContaining("certificate_required")
			.hasStackTraceContaining("it wants a client certificate that it trusts");
	}

	private void startBroker(TestCertificates serverCertificate, boolean requireClientCertificate) {
		this.broker = new MosquittoBroker().withConfig("""
				cafile %s
				certfile %s
				keyfile %s
				require_certificate %s
				""".formatted(authority.certificate(), serverCertificate.certificate(), serverCertificate.privateKey(),
				requireClientCertificate)).start();
	}

	private static String trustingBundle(TestCertificates authority) {
		return "spring.ssl.bundle.pem.mqtt.truststore.certificate=file:" + authority.certificate();
	}

	private static ConfigurableApplicationContext run(String url, String... properties) {
		boolean bundle = properties.length > 0;
		return new SpringApplicationBuilder(TlsApplication.class).web(WebApplicationType.NONE)
			.properties("mqtt.url=" + url, "mqtt.connection-timeout=5s", "mqtt.reconnect.enabled=false")
			.properties(bundle ? "mqtt.ssl.bundle=mqtt" : "mqtt.ssl.bundle=")
			.properties(properties)
			.run();
	}

	private static String echo(ConfigurableApplicationContext context) {
		return context.getBean(MqttRequestOperations.class)
			.request("tls/echo", "hello over TLS".getBytes(UTF_8), Duration.ofSeconds(10))
			.payloadAsString();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TlsApplication {

		// Static: the customizer is needed to create the connection, which this responder bean needs.
		@Bean
		static RecordingSocketFactory recordingSocketFactory() {
			return new RecordingSocketFactory();
		}

		@Bean
		static MqttConnectionOptionsCustomizer recordSockets(RecordingSocketFactory recorder) {
			return (options) -> {
				if (options.getSocketFactory() != null) {
					assertThat(options.getSocketFactory()).isInstanceOf(TcpNoDelaySslSocketFactory.class);
					recorder.delegate = (SSLSocketFactory) options.getSocketFactory();
					options.setSocketFactory(recorder);
				}
			};
		}

		@MqttResponder("tls/echo")
		String echo(String text) {
			return text;
		}

	}

	/**
	 * Keeps the sockets the starter's factory creates, so that the test sees the one Paho
	 * connected with. Paho 1.2.5 creates its sockets unconnected, with {@code createSocket()}.
	 */
	static final class RecordingSocketFactory extends SSLSocketFactory {

		volatile SSLSocketFactory delegate;

		private final List<SSLSocket> sockets = new CopyOnWriteArrayList<>();

		SSLSocket lastSocket() {
			assertThat(this.sockets).isNotEmpty();
			return this.sockets.get(this.sockets.size() - 1);
		}

		private Socket record(Socket socket) {
			this.sockets.add((SSLSocket) socket);
			return socket;
		}

		@Override
		public Socket createSocket() throws IOException {
			return record(this.delegate.createSocket());
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return record(this.delegate.createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return record(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return record(this.delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return record(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return record(this.delegate.createSocket(address, port, localAddress, localPort));
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

	}

}
