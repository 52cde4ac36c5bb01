package dev.mqttrr.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A regression check, not a timed test: a very short run of the whole harness completes and
 * produces every row, without errors and without leftover pending requests. The figures
 * themselves are not asserted; they come from full runs.
 */
class BenchmarkSmokeTests {

	@Test
	void shortRunProducesAllRows() throws Exception {
		boolean mosquitto = BenchmarkBroker.mosquittoInstalled();
		if (System.getenv("CI") != null) {
			assertThat(mosquitto).as("Mosquitto must be installed under CI").isTrue();
		}
		BenchmarkSettings settings = BenchmarkSettings.smoke();
		Report report = Benchmarks.run(settings);
		List<String> brokers = mosquitto ? List.of("mosquitto", "hivemq") : List.of("hivemq");
		for (String broker : brokers) {
			for (String scenario : BenchmarkSettings.ALL_SCENARIOS) {
				for (int concurrency : settings.concurrencies()) {
					for (int qos : settings.qosLevels()) {
						for (int payload : settings.payloadSizes()) {
							assertThat(report.find(broker, scenario, concurrency, qos, payload))
								.as("%s %s %d callers QoS %d %d B", broker, scenario, concurrency, qos, payload)
								.hasValueSatisfying((row) -> {
									assertThat(row.throughput()).isPositive();
									assertThat(row.errors()).isZero();
								});
						}
					}
				}
			}
		}
		assertThat(report.rows).hasSize(brokers.size() * 4 * 3 * 2 * 2);
		assertThat(report.heap).hasSize(brokers.size() * 4).allSatisfy((heap) -> assertThat(heap.pendingAfter()).isZero());
		assertThat(report.heap).filteredOn((heap) -> heap.scenario().equals("starter"))
			.allSatisfy((heap) -> assertThat(heap.bytesPerPending()).isPositive());
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| broker | scenario | callers |")
			.contains("× raw-inbox");
	}

	@Test
	void halfScenariosProduceRowsBesideRawInbox() throws Exception {
		BenchmarkSettings settings = BenchmarkSettings.parse("--smoke", "--brokers=hivemq",
				"--scenarios=raw-inbox,starter-requester,starter-responder", "--concurrency=16", "--qos=1",
				"--payloads=64");
		Report report = Benchmarks.run(settings);
		assertThat(report.rows).extracting(Report.Row::scenario)
			.containsExactly("raw-inbox", "starter-requester", "starter-responder");
		assertThat(report.rows).allSatisfy((row) -> {
			assertThat(row.throughput()).isPositive();
			assertThat(row.errors()).isZero();
		});
	}

	@Test
	void observedScenariosProduceRowsAndTheirTargets() throws Exception {
		BenchmarkSettings settings = BenchmarkSettings.parse("--smoke", "--brokers=hivemq",
				"--scenarios=raw-inbox,raw-inbox-observed,starter-observed,starter-observed-no-ltt", "--concurrency=16",
				"--qos=1", "--payloads=64");
		Report report = Benchmarks.run(settings);
		assertThat(report.rows).extracting(Report.Row::scenario)
			.containsExactly("raw-inbox", "raw-inbox-observed", "starter-observed", "starter-observed-no-ltt");
		assertThat(report.rows).allSatisfy((row) -> {
			assertThat(row.throughput()).isPositive();
			assertThat(row.errors()).isZero();
		});
		assertThat(report.targets()).anyMatch((line) -> line.matches(
				"(PASS|FAIL) hivemq: starter-observed throughput at 16 callers, QoS 1, 64 B is [0-9.]+ × raw-inbox "
						+ "\\(target: at least 0.9\\)"))
			.anyMatch((line) -> line.matches("(PASS|FAIL) hivemq: starter-observed throughput at 16 callers, QoS 1, "
					+ "64 B is [0-9.]+ × raw-inbox-observed \\(target: at least 0.9\\)"));
	}

	@Test
	void ratioIsTheMedianOfRatiosOfIterationsMeasuredBackToBack() {
		// The machine slowed down for the last two iterations, and a stall hit one starter
		// iteration: the medians of each row alone would give 0.18.
		Report.Row raw = row("raw-inbox", List.of(1000.0, 1000.0, 1000.0, 200.0, 200.0));
		Report.Row starter = row("starter", List.of(900.0, 900.0, 180.0, 180.0, 180.0));
		assertThat(Report.ratio(starter, raw)).isCloseTo(0.9, within(1e-9));
	}

	@Test
	void targetsShowWhatTheInboxDesignGainsWithoutTheStarter() {
		Report report = new Report();
		report.rows.add(new Report.Row("mosquitto", "raw-inbox", 16, 1, 64, 1600, 0, 0, 0, 0, 0, 0,
				List.of(1600.0, 1500.0, 1400.0)));
		report.rows.add(new Report.Row("mosquitto", "raw-per-request", 16, 1, 64, 1000, 0, 0, 0, 0, 0, 0,
				List.of(1000.0, 1000.0, 1000.0)));
		assertThat(report.targets()).contains("INFO mosquitto: raw-inbox throughput at 16 callers, QoS 1, 64 B is "
				+ "1.50 × raw-per-request (the design's gain without the starter)");
	}

	@Test
	void rowsTheTargetsAreJudgedOnGetMoreIterations() {
		BenchmarkSettings settings = BenchmarkSettings.parse("--iterations=5", "--target-iterations=15");
		assertThat(settings.iterationsFor(1, 64, 16)).isEqualTo(15);
		assertThat(settings.iterationsFor(1, 64, 64)).isEqualTo(15);
		assertThat(settings.iterationsFor(1, 64, 1)).isEqualTo(5);
		assertThat(settings.iterationsFor(0, 64, 16)).isEqualTo(5);
		assertThat(settings.iterationsFor(1, 16 * 1024, 16)).isEqualTo(5);
		assertThat(BenchmarkSettings.parse("--iterations=30").iterationsFor(1, 64, 16)).isEqualTo(30);
	}

	private static Report.Row row(String scenario, List<Double> iterations) {
		return new Report.Row("hivemq", scenario, 64, 1, 64, 0, 0, 0, 0, 0, 0, 0, iterations);
	}

}
