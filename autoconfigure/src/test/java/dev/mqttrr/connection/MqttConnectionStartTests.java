package dev.mqttrr.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.MqttConnectionException;
import dev.mqttrr.test.TestConnections;

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
			PahoMqttConnection connection = TestConnections.connection("tcp://127.0.0.1:" + server.getLocalPort(),
					"v3-only", 5, TestConnections.NO_RECONNECT);
			assertThatExceptionOfType(MqttConnectionException.class).isThrownBy(connection::start)
				.withMessageContaining("does not support MQTT 5");
			broker.join();
			connection.destroy();
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
