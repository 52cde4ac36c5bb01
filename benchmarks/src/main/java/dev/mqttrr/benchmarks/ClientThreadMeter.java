package dev.mqttrr.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Bytes allocated by the client side of a run: the callers, Paho's threads and the starter's
 * executors, both requester and responder. Threads of an embedded broker are left out, so HiveMQ
 * and Mosquitto rows compare.
 */
final class AllocationMeter {

	private static final List<String> CLIENT_THREADS = List.of("bench-caller-", "MQTT ", "mqtt-rr-", "raw-echo-");

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	long allocatedBytes() {
		long total = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (isClientThread(thread.getName())) {
				long bytes = this.threads.getThreadAllocatedBytes(thread.getId());
				total += Math.max(bytes, 0);
			}
		}
		return total;
	}

	private static boolean isClientThread(String name) {
		for (String prefix : CLIENT_THREADS) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
