package dev.mqttrr.benchmarks;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code starter-observed}: the {@code starter} row with an {@code ObservationRegistry} on both
 * sides that times each {@code mqtt.request} and {@code mqtt.responder} observation into a
 * {@code SimpleMeterRegistry}. Its requester and responder are applications of their own (the
 * responder registry observes every endpoint of its application), closed with the scenario.
 */
final class ObservedStarterScenario implements Scenario {

	private final ConfigurableApplicationContext requester;

	private final ConfigurableApplicationContext responder;

	private final StarterScenario starter;

	private ObservedStarterScenario(ConfigurableApplicationContext requester,
			ConfigurableApplicationContext responder) {
		this.requester = requester;
		this.responder = responder;
		this.starter = new StarterScenario(requester, responder, false, "starter-observed",
				"bench-observed/starter/q");
	}

	static ObservedStarterScenario start(String url) {
		ConfigurableApplicationContext responder = StarterApplication.startObserved(StarterApplication.Responder.class,
				url, "bench-observed-responder");
		try {
			return new ObservedStarterScenario(StarterApplication.startObserved(StarterApplication.Requester.class,
					url, "bench-observed-requester"), responder);
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
