package dev.mqttrr.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap retained per pending request: used heap after full collections, with N requests waiting
 * on a responder that never answers, minus the same without them, divided by N.
 */
final class HeapMeter {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	long bytesPerPending(Scenario scenario, int count) throws Exception {
		long before = usedAfterGc();
		try (AutoCloseable pending = scenario.sendUnanswered(count)) {
			if (scenario.pendingRequests() < count) {
				return -1;
			}
			long after = usedAfterGc();
			return Math.max(0, (after - before) / count);
		}
	}

	private long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			this.memory.gc();
		}
		return this.memory.getHeapMemoryUsage().getUsed();
	}

}
