package dev.mqttrr.integration;

import dev.mqttrr.test.TestBroker;

/**
 * The request/response scenarios against a real Mosquitto process.
 */
class MosquittoRequestResponseIntegrationTests extends AbstractRequestResponseIntegrationTests {

	@Override
	protected TestBroker createBroker() {
		return TestBroker.mosquitto();
	}

}
