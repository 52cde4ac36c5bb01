package dev.mqttrr.integration;

import dev.mqttrr.test.TestBroker;

/**
 * The request/response scenarios against HiveMQ Community Edition embedded in the test JVM.
 */
class HiveMqRequestResponseIntegrationTests extends AbstractRequestResponseIntegrationTests {

	@Override
	protected TestBroker createBroker() {
		return TestBroker.hivemq();
	}

	@Override
	protected boolean brokerSharesRoundRobin() {
		return false;
	}

}
