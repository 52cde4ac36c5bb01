package dev.mqttrr.test;

import java.util.function.Supplier;

import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;

/**
 * A real broker that a test starts and stops itself.
 *
 * @param name the broker's name, for test reports
 * @param address where clients connect
 * @param starter starts the broker
 * @param stopper stops the broker
 */
public record TestBroker(String name, Supplier<String> address, Runnable starter, Runnable stopper) {

	public static TestBroker mosquitto() {
		MosquittoBroker broker = new MosquittoBroker();
		return new TestBroker("Mosquitto", broker::url, broker::start, broker::stop);
	}

	public static TestBroker hivemq() {
		EmbeddedHiveMqBroker broker = new EmbeddedHiveMqBroker("127.0.0.1", 0);
		return new TestBroker("HiveMQ CE", broker::getUrl, broker::start, broker::stop);
	}

	/** HiveMQ CE with MQTT 5 subscription identifiers turned off, as some brokers have none. */
	public static TestBroker hivemqWithoutSubscriptionIdentifiers() {
		EmbeddedHiveMqBroker broker = new EmbeddedHiveMqBroker("127.0.0.1", 0,
				"<subscription-identifier><enabled>false</enabled></subscription-identifier>");
		return new TestBroker("HiveMQ CE without subscription identifiers", broker::getUrl, broker::start,
				broker::stop);
	}

	public String url() {
		return this.address.get();
	}

	public void start() {
		this.starter.run();
	}

	public void stop() {
		this.stopper.run();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
