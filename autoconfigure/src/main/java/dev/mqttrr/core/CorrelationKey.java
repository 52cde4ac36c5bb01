package dev.mqttrr.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Correlation data as a map key: compared by content, not by array identity.
 */
final class CorrelationKey {

	private final byte[] bytes;

	private final int hash;

	CorrelationKey(byte[] bytes) {
		this.bytes = bytes;
		this.hash = Arrays.hashCode(bytes);
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof CorrelationKey that && Arrays.equals(this.bytes, that.bytes));
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return HexFormat.of().formatHex(this.bytes);
	}

}
