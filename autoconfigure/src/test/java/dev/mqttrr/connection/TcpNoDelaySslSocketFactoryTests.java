package dev.mqttrr.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpNoDelaySslSocketFactory}: every way of creating a socket turns Nagle's
 * algorithm off, and the protocols and cipher suites it is given are the ones enabled. A plain
 * server socket is enough: no handshake happens before the first read or write.
 */
class TcpNoDelaySslSocketFactoryTests {

	private static final String CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

	private final List<Socket> sockets = new ArrayList<>();

	private ServerSocket server;

	private InetAddress loopback;

	private SSLSocketFactory delegate;

	@BeforeEach
	void listen() throws IOException, GeneralSecurityException {
		this.loopback = InetAddress.getLoopbackAddress();
		this.server = new ServerSocket(0, 50, this.loopback);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, null, null);
		this.delegate = context.getSocketFactory();
	}

	@AfterEach
	void close() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.server.close();
	}

	@Test
	void everySocketItCreatesHasTcpNoDelay() throws IOException {
		TcpNoDelaySslSocketFactory factory = new TcpNoDelaySslSocketFactory(this.delegate);
		String host = this.loopback.getHostAddress();
		int port = this.server.getLocalPort();
		Socket unconnected = keep(factory.createSocket());
		assertThat(unconnected.getTcpNoDelay()).isTrue();
		unconnected.connect(new InetSocketAddress(this.loopback, port));
		assertThat(unconnected.getTcpNoDelay()).as("after connecting, as Paho does").isTrue();
		assertThat(keep(factory.createSocket(host, port)).getTcpNoDelay()).isTrue();
		assertThat(keep(factory.createSocket(host, port, this.loopback, 0)).getTcpNoDelay()).isTrue();
		assertThat(keep(factory.createSocket(this.loopback, port)).getTcpNoDelay()).isTrue();
		assertThat(keep(factory.createSocket(this.loopback, port, this.loopback, 0)).getTcpNoDelay()).isTrue();
		assertThat(this.sockets).allSatisfy((socket) -> assertThat(socket).isInstanceOf(SSLSocket.class));
	}

	@Test
	void tlsLayeredOverAConnectedSocketSetsTcpNoDelayOnThatSocket() throws IOException {
		Socket plain = keep(new Socket(this.loopback, this.server.getLocalPort()));
		assertThat(plain.getTcpNoDelay()).as("the JVM's default").isFalse();
		Socket layered = keep(new TcpNoDelaySslSocketFactory(this.delegate).createSocket(plain,
				this.loopback.getHostAddress(), this.server.getLocalPort(), true));
		assertThat(layered).isInstanceOf(SSLSocket.class);
		assertThat(layered.getTcpNoDelay()).isTrue();
		assertThat(plain.getTcpNoDelay()).isTrue();
	}

	@Test
	void enablesOnlyTheProtocolsAndCipherSuitesItIsGiven() throws IOException {
		TcpNoDelaySslSocketFactory factory = new TcpNoDelaySslSocketFactory(this.delegate,
				new String[] { "TLSv1.2" }, new String[] { CIPHER });
		SSLSocket socket = (SSLSocket) keep(factory.createSocket());
		assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.2");
		assertThat(socket.getEnabledCipherSuites()).containsExactly(CIPHER);
		assertThat(factory.getDefaultCipherSuites()).containsExactly(CIPHER);
		assertThat(factory.getSupportedCipherSuites()).contains(CIPHER);
	}

	@Test
	void withoutProtocolsOrCipherSuitesKeepsTheDelegates() throws IOException {
		SSLSocket socket = (SSLSocket) keep(new TcpNoDelaySslSocketFactory(this.delegate).createSocket());
		SSLSocket plain = (SSLSocket) keep(this.delegate.createSocket());
		assertThat(socket.getEnabledProtocols()).containsExactly(plain.getEnabledProtocols());
		assertThat(socket.getEnabledCipherSuites()).containsExactly(plain.getEnabledCipherSuites());
	}

	private Socket keep(Socket socket) {
		this.sockets.add(socket);
		return socket;
	}

}
