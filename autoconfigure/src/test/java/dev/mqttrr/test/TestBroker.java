package dev.mqttrr.test;

import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;

/**
 * A real broker that a test starts and stops itself.
 */
public interface TestBroker {

	String url();

	void start();

	void stop();

	static TestBroker mosquitto() {
		MosquittoBroker broker = new MosquittoBroker();
		return new TestBroker() {

			@Override
			public String url() {
				return broker.url();
			}

			@Override
			public void start() {
				broker.start();
			}

			@Override
			public void stop() {
				broker.stop();
			}

			@Override
			public String toString() {
				return "Mosquitto";
			}
		};
	}

	static TestBroker hivemq() {
		EmbeddedHiveMqBroker broker = new EmbeddedHiveMqBroker("127.0.0.1", 0);
		return new TestBroker() {

			@Override
			public String url() {
				return broker.getUrl();
			}

			@Override
			public void start() {
				broker.start();
			}

			@Override
			public void stop() {
				broker.stop();
			}

			@Override
			public String toString() {
				return "HiveMQ CE";
			}
		};
	}

}
