package dev.mqttrr.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The TLS counterpart of {@link TcpNoDelaySocketFactory}: an {@link SSLSocketFactory} that turns
 * Nagle's algorithm off on every socket it creates, layered ones included, and optionally
 * restricts the TLS protocols and cipher suites of each socket (an SSL bundle's options).
 * <p>
 * A class of its own because Paho tells the schemes apart by type: {@code ssl://} and
 * {@code wss://} refuse a socket factory that is not an {@code SSLSocketFactory}, and
 * {@code tcp://} refuses one that is. Paho 1.2.5 later sets its own {@code SSLParameters} on the
 * socket (server name, endpoint identification); the JDK keeps the protocols and cipher suites set
 * here, since Paho leaves those {@code null}.
 */
public final class TcpNoDelaySslSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	private final String @Nullable [] enabledProtocols;

	private final String @Nullable [] cipherSuites;

	/**
	 * Wrap the given factory, keeping its protocols and cipher suites.
	 * @param delegate the factory that creates the sockets, for example
	 * {@code sslContext.getSocketFactory()}
	 */
	public TcpNoDelaySslSocketFactory(SSLSocketFactory delegate) {
		this(delegate, null, null);
	}

	/**
	 * Wrap the given factory and enable only the given protocols and cipher suites on its sockets.
	 * @param delegate the factory that creates the sockets
	 * @param enabledProtocols the protocols to enable, for example {@code TLSv1.3}, or
	 * {@code null} for the delegate's
	 * @param cipherSuites the cipher suites to enable, or {@code null} for the delegate's
	 */
	public TcpNoDelaySslSocketFactory(SSLSocketFactory delegate, String @Nullable [] enabledProtocols,
			String @Nullable [] cipherSuites) {
		this.delegate = delegate;
		this.enabledProtocols = (enabledProtocols != null) ? enabledProtocols.clone() : null;
		this.cipherSuites = (cipherSuites != null) ? cipherSuites.clone() : null;
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return (this.cipherSuites != null) ? this.cipherSuites.clone() : this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket() throws IOException {
		return configure(this.delegate.createSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return configure(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return configure(this.delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return configure(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return configure(this.delegate.createSocket(address, port, localAddress, localPort));
	}

	/**
	 * Layer TLS over a connected socket; TCP_NODELAY is set on that socket through the layered
	 * one.
	 */
	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return configure(this.delegate.createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
		return configure(this.delegate.createSocket(socket, consumed, autoClose));
	}

	private Socket configure(Socket socket) throws IOException {
		try {
			socket.setTcpNoDelay(true);
			if (socket instanceof SSLSocket ssl) {
				if (this.enabledProtocols != null) {
					ssl.setEnabledProtocols(this.enabledProtocols);
				}
				if (this.cipherSuites != null) {
					ssl.setEnabledCipherSuites(this.cipherSuites);
				}
			}
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(socket, ex);
			throw ex;
		}
	}

	private static void closeQuietly(Socket socket, Exception failure) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

}
