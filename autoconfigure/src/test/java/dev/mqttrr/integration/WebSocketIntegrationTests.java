package dev.mqttrr.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.SocketFactory;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.MqttConnectionOptionsCustomizer;
import dev.mqttrr.connection.TcpNoDelaySocketFactory;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ws://} URLs: MQTT over a WebSocket to Mosquitto's WebSocket listener, with TCP_NODELAY
 * on the socket as for {@code tcp://} (without it, Nagle's algorithm holds back small replies).
 * {@code wss://} is in {@code TlsIntegrationTests}.
 */
class WebSocketIntegrationTests {

	@Test
	void requestAndReplyOverWebSocketWithTcpNoDelay() {
		MosquittoBroker broker = new MosquittoBroker();
		int webSocketPort = broker.addWebSocketListener("");
		broker.start();
		try (ConfigurableApplicationContext context = TestApplications
			.application(WebSocketApplication.class, "ws://127.0.0.1:" + webSocketPort, "web-socket")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThat(template.request("ws/echo", "hello over a WebSocket".getBytes(StandardCharsets.UTF_8),
					Duration.ofSeconds(10))
				.payloadAsString()).isEqualTo("hello over a WebSocket");
			Socket socket = context.getBean(RecordingSocketFactory.class).lastSocket();
			assertThat(socket.isConnected()).isTrue();
			assertThat(socket.getPort()).isEqualTo(webSocketPort);
			assertThat(socket.getTcpNoDelay()).as("TCP_NODELAY on the WebSocket's socket").isTrue();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			broker.stop();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebSocketApplication {

		// Static: the customizer is needed to create the connection, which this responder bean needs.
		@Bean
		static RecordingSocketFactory recordingSocketFactory() {
			return new RecordingSocketFactory();
		}

		@Bean
		static MqttConnectionOptionsCustomizer recordSockets(RecordingSocketFactory recorder) {
			return (options) -> {
				// The starter's factory is there before the customizers run.
				assertThat(options.getSocketFactory()).isInstanceOf(TcpNoDelaySocketFactory.class);
				recorder.delegate = options.getSocketFactory();
				options.setSocketFactory(recorder);
			};
		}

		@MqttResponder("ws/echo")
		String echo(String text) {
			return text;
		}

	}

	/** Keeps the sockets the starter's factory creates, so that the test sees the one Paho used. */
	static final class RecordingSocketFactory extends SocketFactory {

		volatile SocketFactory delegate;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		Socket lastSocket() {
			assertThat(this.sockets).isNotEmpty();
			return this.sockets.get(this.sockets.size() - 1);
		}

		private Socket record(Socket socket) {
			this.sockets.add(socket);
			return socket;
		}

		@Override
		public Socket createSocket() throws IOException {
			return record(this.delegate.createSocket());
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

	}

}
