package dev.mqttrr.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to measure and for how long.
 *
 * @param brokers the brokers to run on ({@code mosquitto}, {@code hivemq})
 * @param scenarios the scenarios, by name: {@link #ALL_SCENARIOS} by default, and on request
 * {@link #HALF_SCENARIOS} and {@link #OBSERVED_SCENARIOS}
 * @param concurrencies the numbers of concurrent callers
 * @param qosLevels the QoS levels
 * @param payloadSizes the payload sizes in bytes
 * @param warmup how long to warm up each row before measuring
 * @param iteration how long each measured iteration runs
 * @param iterations how many measured iterations; medians are reported
 * @param targetIterations how many measured iterations for the rows a target is judged on (QoS 1,
 * 64 B, 16 and 64 callers): more pairs make the verdict on a ratio near its threshold steadier
 * @param pendingRequests how many requests wait on a silent responder for the heap measurement
 */
record BenchmarkSettings(List<String> brokers, List<String> scenarios, List<Integer> concurrencies,
		List<Integer> qosLevels, List<Integer> payloadSizes, Duration warmup, Duration iteration, int iterations,
		int targetIterations, int pendingRequests) {

	static final List<String> ALL_SCENARIOS = List.of("raw-inbox", "raw-per-request", "starter", "starter-json");

	/**
	 * One side of the starter against the other side of {@code raw-inbox}: the starter's template
	 * answered by the raw echo, and the raw requester answered by an {@code @MqttResponder}. They
	 * show which side a difference to {@code raw-inbox} comes from.
	 */
	static final List<String> HALF_SCENARIOS = List.of("starter-requester", "starter-responder");

	/**
	 * The {@code starter} rows with observations on: an {@code ObservationRegistry} that times every
	 * request and responder invocation into a {@code SimpleMeterRegistry}, in applications of their
	 * own; and their floor, {@code raw-inbox} instrumented by hand the same way.
	 */
	static final List<String> OBSERVED_SCENARIOS = List.of("raw-inbox-observed", "starter-observed",
			"starter-observed-no-ltt");

	static BenchmarkSettings defaults() {
		return new BenchmarkSettings(List.of("mosquitto", "hivemq"), ALL_SCENARIOS, List.of(1, 16, 64), List.of(0, 1),
				List.of(64, 16 * 1024), Duration.ofSeconds(1), Duration.ofSeconds(1), 7, 21, 10_000);
	}

	/**
	 * A run short enough for the test suite: every row, tiny durations.
	 */
	static BenchmarkSettings smoke() {
		return new BenchmarkSettings(List.of("mosquitto", "hivemq"), ALL_SCENARIOS, List.of(1, 16, 64), List.of(0, 1),
				List.of(64, 16 * 1024), Duration.ofMillis(30), Duration.ofMillis(60), 1, 1, 1_000);
	}

	/**
	 * Read {@code --name=value} arguments over the defaults (or the smoke settings with
	 * {@code --smoke}).
	 */
	static BenchmarkSettings parse(String... args) {
		BenchmarkSettings settings = Arrays.asList(args).contains("--smoke") ? smoke() : defaults();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				continue;
			}
			String name = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			settings = switch (name) {
				case "brokers" -> settings.with(strings(value), null, null, null, null, null, null, null, null, null);
				case "scenarios" -> settings.with(null, strings(value), null, null, null, null, null, null, null, null);
				case "concurrency" -> settings.with(null, null, ints(value), null, null, null, null, null, null, null);
				case "qos" -> settings.with(null, null, null, ints(value), null, null, null, null, null, null);
				case "payloads" -> settings.with(null, null, null, null, ints(value), null, null, null, null, null);
				case "warmup" -> settings.with(null, null, null, null, null, Duration.parse("PT" + value), null, null, null,
						null);
				case "iteration" -> settings.with(null, null, null, null, null, null, Duration.parse("PT" + value), null,
						null, null);
				case "iterations" -> settings.with(null, null, null, null, null, null, null, Integer.parseInt(value), null,
						null);
				case "target-iterations" -> settings.with(null, null, null, null, null, null, null, null,
						Integer.parseInt(value), null);
				case "pending" -> settings.with(null, null, null, null, null, null, null, null, null,
						Integer.parseInt(value));
				default -> throw new IllegalArgumentException("Unknown option --" + name + ". Options: --brokers, "
						+ "--scenarios, --concurrency, --qos, --payloads, --warmup, --iteration, --iterations, "
						+ "--target-iterations, --pending, --smoke");
			};
		}
		return settings;
	}

	/**
	 * Return how many iterations to measure for a row.
	 */
	int iterationsFor(int qos, int payloadSize, int concurrency) {
		boolean targetRow = qos == 1 && payloadSize == 64 && (concurrency == 16 || concurrency == 64);
		return targetRow ? Math.max(this.iterations, this.targetIterations) : this.iterations;
	}

	private BenchmarkSettings with(List<String> brokers, List<String> scenarios, List<Integer> concurrencies,
			List<Integer> qosLevels, List<Integer> payloadSizes, Duration warmup, Duration iteration,
			Integer iterations, Integer targetIterations, Integer pendingRequests) {
		return new BenchmarkSettings((brokers != null) ? brokers : this.brokers,
				(scenarios != null) ? scenarios : this.scenarios,
				(concurrencies != null) ? concurrencies : this.concurrencies,
				(qosLevels != null) ? qosLevels : this.qosLevels,
				(payloadSizes != null) ? payloadSizes : this.payloadSizes, (warmup != null) ? warmup : this.warmup,
				(iteration != null) ? iteration : this.iteration,
				(iterations != null) ? iterations : this.iterations,
				(targetIterations != null) ? targetIterations : this.targetIterations,
				(pendingRequests != null) ? pendingRequests : this.pendingRequests);
	}

	private static List<String> strings(String value) {
		return List.of(value.split(","));
	}

	private static List<Integer> ints(String value) {
		List<Integer> result = new ArrayList<>();
		for (String part : value.split(",")) {
			result.add(Integer.parseInt(part.trim()));
		}
		return result;
	}

}
