package dev.mqttrr.benchmarks;

/**
 * Checks that keep the benchmark honest: a wrong reply is an error, not a data point.
 */
final class Checks {

	private Checks() {
	}

	static void echo(byte[] sent, byte[] received) {
		if (received.length != sent.length) {
			throw new IllegalStateException("Echo of " + sent.length + " bytes came back with " + received.length);
		}
	}

	static void echo(String sent, String received) {
		if (!sent.equals(received)) {
			throw new IllegalStateException("JSON echo differs from the request");
		}
	}

}
