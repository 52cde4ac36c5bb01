package dev.mqttrr.benchmarks;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code starter-observed}: the {@code starter} row with an {@code ObservationRegistry} on both
 * sides that times each {@code mqtt.request} and {@code mqtt.responder} observation into a
 * {@code SimpleMeterRegistry}, with Boot's default handler (a timer and a long-task timer per
 * observation); {@code starter-observed-no-ltt}: the same without the long-task timers (Boot's
 * {@code management.metrics.observations.ignored-meters=long-task-timer}). Its requester and
 * responder are applications of their own (the responder registry observes every endpoint of its
 * application), under a topic prefix of their own, closed with the scenario.
 */
final class ObservedStarterScenario implements Scenario {

	private final ConfigurableApplicationContext requester;

	private final ConfigurableApplicationContext responder;

	private final StarterScenario starter;

	private ObservedStarterScenario(String name, ConfigurableApplicationContext requester,
			ConfigurableApplicationContext responder) {
		this.requester = requester;
		this.responder = responder;
		this.starter = new StarterScenario(requester, responder, false, name, "bench-" + name + "/starter/q");
	}

	/**
	 * Start the applications of a scenario.
	 * @param url the broker
	 * @param longTaskTimers whether the handler also keeps a long-task timer per observation
	 */
	static ObservedStarterScenario start(String url, boolean longTaskTimers) {
		String name = longTaskTimers ? "starter-observed" : "starter-observed-no-ltt";
		ConfigurableApplicationContext responder = StarterApplication.startObserved(StarterApplication.Responder.class,
				url, "bench-" + name, longTaskTimers, "-responder");
		try {
			return new ObservedStarterScenario(name, StarterApplication.startObserved(
					StarterApplication.Requester.class, url, "bench-" + name, longTaskTimers, "-requester"), responder);
		}
		catch (RuntimeException ex) {
			responder.close();
			throw ex;
		}
	}

	@Override
	public String name() {
		return this.starter.name();
	}

	@Override
	public Requester requester(int qos, int payloadSize) {
		return this.starter.requester(qos, payloadSize);
	}

	@Override
	public AutoCloseable sendUnanswered(int count) {
		return this.starter.sendUnanswered(count);
	}

	@Override
	public int pendingRequests() {
		return this.starter.pendingRequests();
	}

	@Override
	public void close() {
		this.requester.close();
		this.responder.close();
	}

}
