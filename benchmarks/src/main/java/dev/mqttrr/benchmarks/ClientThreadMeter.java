package dev.mqttrr.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Bytes allocated and CPU time used by the client side of a run: the callers, Paho's threads and
 * the starter's executors, both requester and responder. Threads of an embedded broker are left
 * out, so HiveMQ and Mosquitto rows compare, and so the CPU column shows what the client layer
 * costs even when the machine's cores are saturated and throughput no longer does.
 */
final class ClientThreadMeter {

	private static final List<String> CLIENT_THREADS = List.of("bench-caller-", "MQTT ", "mqtt-rr-", "raw-echo-");

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	ClientThreadMeter() {
		this.threads.setThreadCpuTimeEnabled(true);
	}

	Snapshot snapshot() {
		long allocated = 0;
		long cpu = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (isClientThread(thread.getName())) {
				allocated += Math.max(this.threads.getThreadAllocatedBytes(thread.getId()), 0);
				cpu += Math.max(this.threads.getThreadCpuTime(thread.getId()), 0);
			}
		}
		return new Snapshot(allocated, cpu);
	}

	private static boolean isClientThread(String name) {
		for (String prefix : CLIENT_THREADS) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Totals over the client threads alive at one moment.
	 *
	 * @param allocatedBytes bytes allocated
	 * @param cpuNanos CPU time used
	 */
	record Snapshot(long allocatedBytes, long cpuNanos) {
	}

}
