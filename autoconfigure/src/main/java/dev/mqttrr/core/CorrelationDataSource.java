package dev.mqttrr.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correlation data for requests that bring none: 16 bytes, a random prefix fixed per source and a
 * counter. Unique across requests, and across clients and restarts by the prefix.
 * <p>
 * It identifies a request; it is not a secret. MQTT 5 carries it in the clear, so anyone who can
 * read a request can answer it whatever its correlation data, and fresh random bytes per request
 * would protect nothing more while costing a {@link SecureRandom} call, which takes a JVM-wide
 * lock, on every request.
 */
final class CorrelationDataSource {

	static final int LENGTH = 16;

	private static final VarHandle LONG_IN_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.BIG_ENDIAN);

	private final long prefix = new SecureRandom().nextLong();

	private final AtomicLong counter = new AtomicLong();

	/**
	 * Return new correlation data, never returned before by this source.
	 */
	byte[] next() {
		byte[] bytes = new byte[LENGTH];
		LONG_IN_BYTES.set(bytes, 0, this.prefix);
		LONG_IN_BYTES.set(bytes, Long.BYTES, this.counter.incrementAndGet());
		return bytes;
	}

}
