package dev.mqttrr.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start-up against a server that speaks only MQTT 3.1.1: it answers an MQTT 5 CONNECT the way
 * such a broker does (MQTT 3.1.1 section 3.2.2.3), with a 3.1.1 CONNACK carrying return code 1,
 * "unacceptable protocol version", and closes the connection.
 */
class MqttConnectionStartTests {

	@Test
	void brokerThatRefusesMqtt5FailsStartUpSayingSo() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> answerWithProtocolRefusal(server));
			MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + server.getLocalPort(), "v3-only",
					new MemoryPersistence());
			MqttConnectionOptions options = new MqttConnectionOptions();
			options.setConnectionTimeout(5);
			MqttConnection connection = new MqttConnection(client, options, Runnable::run,
					new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO));
			assertThatExceptionOfType(MqttConnectionException.class).isThrownBy(connection::start)
				.withMessageContaining("does not support MQTT 5");
			broker.join();
		}
	}

	private static void answerWithProtocolRefusal(ServerSocket server) {
		try (Socket socket = server.accept()) {
			InputStream in = socket.getInputStream();
			in.read();
			int remaining = 0;
			int multiplier = 1;
			int digit;
			do {
				digit = in.read();
				remaining += (digit & 127) * multiplier;
				multiplier *= 128;
			}
			while ((digit & 128) != 0);
			in.readNBytes(remaining);
			OutputStream out = socket.getOutputStream();
			out.write(new byte[] { 0x20, 0x02, 0x00, 0x01 });
			out.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
