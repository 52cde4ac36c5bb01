package dev.mqttrr.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of one run, printed as Markdown tables with each row's ratio to {@code raw-inbox}
 * measured in the same run, and the targets checked.
 */
final class Report {

	final List<Row> rows = new ArrayList<>();

	final List<Heap> heap = new ArrayList<>();

	final List<String> notes = new ArrayList<>();

	Optional<Row> find(String broker, String scenario, int concurrency, int qos, int payload) {
		return this.rows.stream()
			.filter((row) -> row.broker.equals(broker) && row.scenario.equals(scenario)
					&& row.concurrency == concurrency && row.qos == qos && row.payload == payload)
			.findFirst();
	}

	void print(PrintStream out) {
		out.println();
		out.println("| broker | scenario | callers | QoS | payload | req/s | × raw-inbox | p50 µs | p99 µs | p99.9 µs "
				+ "| alloc B/req | client CPU µs/req | errors |");
		out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (Row row : this.rows) {
			Row raw = find(row.broker, "raw-inbox", row.concurrency, row.qos, row.payload).orElse(null);
			String ratio = (raw != null && raw.throughput > 0) ? format("%.2f", ratio(row, raw)) : "-";
			out.println(format("| %s | %s | %d | %d | %s | %.0f | %s | %.0f | %.0f | %.0f | %d | %.1f | %d |",
					row.broker, row.scenario, row.concurrency, row.qos, size(row.payload), row.throughput, ratio,
					row.p50, row.p99, row.p999, row.bytesPerRequest, row.cpuMicrosPerRequest, row.errors));
		}
		out.println();
		out.println("| broker | scenario | heap B per pending request | pending after the run |");
		out.println("|---|---|---:|---:|");
		for (Heap entry : this.heap) {
			out.println(format("| %s | %s | %s | %d |", entry.broker, entry.scenario,
					(entry.bytesPerPending >= 0) ? String.valueOf(entry.bytesPerPending) : "n/a", entry.pendingAfter));
		}
		out.println();
		for (String target : targets()) {
			out.println(target);
		}
		this.notes.forEach(out::println);
	}

	/**
	 * The targets, each as one line starting with PASS, FAIL or SKIP, and INFO lines that
	 * help read them.
	 */
	List<String> targets() {
		List<String> lines = new ArrayList<>();
		for (String broker : this.rows.stream().map((row) -> row.broker).distinct().toList()) {
			for (int concurrency : new int[] { 16, 64 }) {
				ratioTarget(lines, broker, "starter", "raw-inbox", concurrency, 0.9);
			}
			ratioTarget(lines, broker, "starter", "raw-per-request", 16, 1.5);
			if (this.rows.stream().anyMatch((row) -> row.broker.equals(broker) && row.scenario.equals("starter-observed"))) {
				// The target for the observed rows, and the same against the flow written on
				// raw Paho with the same observations, which is what the starter controls.
				for (int concurrency : new int[] { 16, 64 }) {
					ratioTarget(lines, broker, "starter-observed", "raw-inbox", concurrency, 0.9);
					ratioTarget(lines, broker, "starter-observed", "raw-inbox-observed", concurrency, 0.9);
				}
			}
			designGain(lines, broker);
			Optional<Row> starter = find(broker, "starter", 1, 1, 64);
			Optional<Row> raw = find(broker, "raw-inbox", 1, 1, 64);
			if (starter.isPresent() && raw.isPresent()) {
				double delta = starter.get().p50 - raw.get().p50;
				lines.add(verdict(delta <= 100) + format(" %s: starter p50 at 1 caller, QoS 1, 64 B is raw-inbox "
						+ "%+.0f µs (target: at most +100 µs)", broker, delta));
			}
		}
		for (Heap entry : this.heap) {
			if (entry.scenario.equals("starter")) {
				lines.add(verdict(entry.bytesPerPending >= 0 && entry.bytesPerPending <= 1024) + format(
						" %s: starter retains %d B per pending request (target: at most 1024)", entry.broker,
						entry.bytesPerPending));
			}
			lines.add(verdict(entry.pendingAfter == 0) + format(" %s: %s has %d pending requests after the run",
					entry.broker, entry.scenario, entry.pendingAfter));
		}
		return lines;
	}

	private void ratioTarget(List<String> lines, String broker, String scenario, String baseline, int concurrency,
			double target) {
		Optional<Row> row = find(broker, scenario, concurrency, 1, 64);
		Optional<Row> base = find(broker, baseline, concurrency, 1, 64);
		if (row.isEmpty() || base.isEmpty() || base.get().throughput == 0) {
			lines.add(format("SKIP %s: %s vs %s at %d callers not measured", broker, scenario, baseline, concurrency));
			return;
		}
		double ratio = ratio(row.get(), base.get());
		lines.add(verdict(ratio >= target) + format(" %s: %s throughput at %d callers, QoS 1, 64 B is %.2f × %s"
				+ " (target: at least %.1f)", broker, scenario, concurrency, ratio, baseline, target));
	}

	/**
	 * What the inbox design gains over a subscription per request without the starter: the bound
	 * of the starter's own ratio to {@code raw-per-request}.
	 */
	private void designGain(List<String> lines, String broker) {
		Optional<Row> inbox = find(broker, "raw-inbox", 16, 1, 64);
		Optional<Row> perRequest = find(broker, "raw-per-request", 16, 1, 64);
		if (inbox.isPresent() && perRequest.isPresent() && perRequest.get().throughput > 0) {
			lines.add(format("INFO %s: raw-inbox throughput at 16 callers, QoS 1, 64 B is %.2f × raw-per-request "
					+ "(the design's gain without the starter)", broker, ratio(inbox.get(), perRequest.get())));
		}
	}

	/**
	 * The throughput ratio of two rows of the same run: the median of the ratios of iterations
	 * measured back to back, so that the machine's drift over a run cancels out.
	 */
	static double ratio(Row row, Row base) {
		int pairs = Math.min(row.iterations.size(), base.iterations.size());
		if (pairs == 0) {
			return row.throughput / base.throughput;
		}
		double[] ratios = new double[pairs];
		for (int i = 0; i < pairs; i++) {
			ratios[i] = row.iterations.get(i) / base.iterations.get(i);
		}
		return Benchmarks.median(ratios);
	}

	private static String verdict(boolean pass) {
		return pass ? "PASS" : "FAIL";
	}

	private static String size(int bytes) {
		return (bytes >= 1024 && bytes % 1024 == 0) ? (bytes / 1024) + " KiB" : bytes + " B";
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	/**
	 * A measured row: medians over the iterations, and each iteration's throughput in the order
	 * measured.
	 */
	record Row(String broker, String scenario, int concurrency, int qos, int payload, double throughput, double p50,
			double p99, double p999, long bytesPerRequest, double cpuMicrosPerRequest, int errors,
			List<Double> iterations) {
	}

	/**
	 * Heap retained per pending request, and what was left pending after the run.
	 */
	record Heap(String broker, String scenario, long bytesPerPending, int pendingAfter) {
	}

}
