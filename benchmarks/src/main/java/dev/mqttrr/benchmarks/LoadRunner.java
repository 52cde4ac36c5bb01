package dev.mqttrr.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;

/**
 * Runs a requester in a closed loop from N caller threads for a fixed time and records every
 * call's latency in an HdrHistogram.
 */
final class LoadRunner implements AutoCloseable {

	private final ExecutorService callers;

	private final int concurrency;

	private final ClientThreadMeter meter = new ClientThreadMeter();

	LoadRunner(int concurrency) {
		this.concurrency = concurrency;
		AtomicInteger number = new AtomicInteger();
		this.callers = Executors.newFixedThreadPool(concurrency,
				(task) -> new Thread(task, "bench-caller-" + number.incrementAndGet()));
	}

	Iteration run(Scenario.Requester requester, Duration duration) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Histogram>> results = new ArrayList<>();
		AtomicInteger errors = new AtomicInteger();
		long[] deadline = new long[1];
		for (int i = 0; i < this.concurrency; i++) {
			results.add(this.callers.submit(() -> {
				Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
				start.await();
				while (System.nanoTime() < deadline[0]) {
					long begin = System.nanoTime();
					try {
						requester.call();
						histogram.recordValue(System.nanoTime() - begin);
					}
					catch (Exception ex) {
						if (errors.incrementAndGet() == 1) {
							System.err.println("First error of the iteration: " + ex);
						}
					}
				}
				return histogram;
			}));
		}
		ClientThreadMeter.Snapshot before = this.meter.snapshot();
		long began = System.nanoTime();
		deadline[0] = began + duration.toNanos();
		start.countDown();
		Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		for (Future<Histogram> result : results) {
			total.add(result.get(duration.toSeconds() + 120, TimeUnit.SECONDS));
		}
		long elapsed = System.nanoTime() - began;
		ClientThreadMeter.Snapshot after = this.meter.snapshot();
		long requests = total.getTotalCount();
		long allocated = after.allocatedBytes() - before.allocatedBytes();
		double cpuMicros = (after.cpuNanos() - before.cpuNanos()) / 1e3;
		return new Iteration(requests * 1e9 / elapsed, total.getValueAtPercentile(50) / 1e3,
				total.getValueAtPercentile(99) / 1e3, total.getValueAtPercentile(99.9) / 1e3,
				(requests > 0) ? allocated / requests : 0, (requests > 0) ? cpuMicros / requests : 0, errors.get(),
				requests);
	}

	@Override
	public void close() {
		this.callers.shutdownNow();
	}

	/**
	 * One measured iteration.
	 *
	 * @param throughput requests per second
	 * @param p50 median latency in microseconds
	 * @param p99 99th percentile in microseconds
	 * @param p999 99.9th percentile in microseconds
	 * @param bytesPerRequest bytes allocated by client threads per request
	 * @param cpuMicrosPerRequest CPU time of client threads per request, in microseconds
	 * @param errors failed calls
	 * @param requests completed calls
	 */
	record Iteration(double throughput, double p50, double p99, double p999, long bytesPerRequest,
			double cpuMicrosPerRequest, int errors, long requests) {
	}

}
