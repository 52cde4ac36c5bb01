package dev.mqttrr.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark harness: {@code raw-inbox}, {@code raw-per-request}, {@code starter} and
 * {@code starter-json} side by side on the same broker, interleaved so that each configuration's
 * rows are measured in the same stretch of time. Run with
 * {@code java -jar benchmarks/target/mqtt-rr-benchmarks.jar} (options: see
 * {@link BenchmarkSettings#parse(String...)}).
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkSettings settings = BenchmarkSettings.parse(args);
		Report report = run(settings);
		report.print(System.out);
		System.exit(0);
	}

	static Report run(BenchmarkSettings settings) throws Exception {
		Report report = new Report();
		for (String brokerName : settings.brokers()) {
			if (brokerName.equals("mosquitto") && !BenchmarkBroker.mosquittoInstalled()) {
				report.notes.add("SKIP mosquitto: not installed (apt-get install -y mosquitto)");
				continue;
			}
			System.err.println("== " + brokerName);
			try (BenchmarkBroker broker = BenchmarkBroker.start(brokerName);
					RawEchoResponder responder = new RawEchoResponder(broker.url());
					ConfigurableApplicationContext starterResponder = StarterApplication.startResponder(broker.url());
					ConfigurableApplicationContext starterRequester = StarterApplication.startRequester(broker.url())) {
				Map<String, Scenario> scenarios = scenarios(settings, broker.url(), starterRequester, starterResponder);
				try {
					warmUp(settings, scenarios);
					measure(settings, broker.name(), scenarios, report);
					measureHeap(settings, broker.name(), scenarios, report);
				}
				finally {
					scenarios.values().forEach(Scenario::close);
				}
			}
		}
		return report;
	}

	private static Map<String, Scenario> scenarios(BenchmarkSettings settings, String url,
			ConfigurableApplicationContext requester, ConfigurableApplicationContext responder) throws Exception {
		Map<String, Scenario> scenarios = new LinkedHashMap<>();
		for (String name : settings.scenarios()) {
			scenarios.put(name, switch (name) {
				case "raw-inbox" -> new RawInboxScenario(url);
				case "raw-per-request" -> new RawPerRequestScenario(url);
				case "starter" -> new StarterScenario(requester, responder, false);
				case "starter-json" -> new StarterScenario(requester, responder, true);
				case "starter-requester" -> StarterScenario.requesterOnly(requester, responder);
				case "starter-responder" -> RawInboxScenario.toStarterResponder(url);
				case "raw-inbox-observed" -> RawInboxScenario.observed(url);
				case "starter-observed" -> ObservedStarterScenario.start(url, true);
				case "starter-observed-no-ltt" -> ObservedStarterScenario.start(url, false);
				default -> throw new IllegalArgumentException("Unknown scenario '" + name + "'. Scenarios: "
						+ BenchmarkSettings.ALL_SCENARIOS + " and, to split the starter's cost between its sides, "
						+ BenchmarkSettings.HALF_SCENARIOS + ", and with observations on, "
						+ BenchmarkSettings.OBSERVED_SCENARIOS);
			});
		}
		return scenarios;
	}

	/**
	 * Warm up every scenario before the first row, longer than each row's own warm-up: a fresh
	 * JVM is still compiling the clients (and an embedded broker) for several seconds.
	 */
	private static void warmUp(BenchmarkSettings settings, Map<String, Scenario> scenarios) throws Exception {
		try (LoadRunner runner = new LoadRunner(16)) {
			for (Scenario scenario : scenarios.values()) {
				runner.run(scenario.requester(1, 64), settings.warmup().multipliedBy(3));
			}
		}
	}

	private static void measure(BenchmarkSettings settings, String broker, Map<String, Scenario> scenarios,
			Report report) throws Exception {
		for (int payload : settings.payloadSizes()) {
			for (int qos : settings.qosLevels()) {
				for (int concurrency : settings.concurrencies()) {
					System.err.printf("   %d callers, QoS %d, %d B%n", concurrency, qos, payload);
					try (LoadRunner runner = new LoadRunner(concurrency)) {
						Map<String, List<LoadRunner.Iteration>> iterations = new LinkedHashMap<>();
						for (Scenario scenario : scenarios.values()) {
							runner.run(scenario.requester(qos, payload), settings.warmup());
							iterations.put(scenario.name(), new ArrayList<>());
						}
						List<Scenario> order = new ArrayList<>(scenarios.values());
						int rounds = settings.iterationsFor(qos, payload, concurrency);
						for (int i = 0; i < rounds; i++) {
							// Rotate the order each iteration, so no scenario always runs right after
							// another's garbage or always first.
							for (int j = 0; j < order.size(); j++) {
								Scenario scenario = order.get((i + j) % order.size());
								iterations.get(scenario.name())
									.add(runner.run(scenario.requester(qos, payload), settings.iteration()));
							}
						}
						iterations.forEach((name, results) -> report.rows.add(new Report.Row(broker, name,
								concurrency, qos, payload, median(results, LoadRunner.Iteration::throughput),
								median(results, LoadRunner.Iteration::p50), median(results, LoadRunner.Iteration::p99),
								median(results, LoadRunner.Iteration::p999),
								(long) median(results, LoadRunner.Iteration::bytesPerRequest),
								median(results, LoadRunner.Iteration::cpuMicrosPerRequest),
								results.stream().mapToInt(LoadRunner.Iteration::errors).sum(),
								results.stream().map(LoadRunner.Iteration::throughput).toList())));
					}
				}
			}
		}
	}

	private static void measureHeap(BenchmarkSettings settings, String broker, Map<String, Scenario> scenarios,
			Report report) throws Exception {
		HeapMeter meter = new HeapMeter();
		for (Scenario scenario : scenarios.values()) {
			boolean measured = scenario.name().equals("raw-inbox") || scenario.name().equals("starter");
			long bytes = measured ? meter.bytesPerPending(scenario, settings.pendingRequests()) : -1;
			report.heap.add(new Report.Heap(broker, scenario.name(), bytes, pendingAfter(scenario)));
		}
	}

	private static int pendingAfter(Scenario scenario) {
		// Cancelled requests leave asynchronously; give them a moment, bounded.
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (scenario.pendingRequests() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(1_000_000);
		}
		return scenario.pendingRequests();
	}

	private static double median(List<LoadRunner.Iteration> iterations, ToDoubleFunction<LoadRunner.Iteration> value) {
		return median(iterations.stream().mapToDouble(value).toArray());
	}

	static double median(double[] unsorted) {
		double[] values = unsorted.clone();
		Arrays.sort(values);
		if (values.length == 0) {
			return 0;
		}
		return (values.length % 2 == 1) ? values[values.length / 2]
				: (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
	}

}
