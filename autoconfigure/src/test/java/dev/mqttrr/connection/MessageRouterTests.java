package dev.mqttrr.connection;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscription identifiers of the routing table: held only while a filter has routes, and never
 * beyond the MQTT 5 maximum.
 */
class MessageRouterTests {

	/**
	 * The template routes caller-given response topics through the router, one route per topic,
	 * removed when its last request ends: a client that uses a response topic per request must not
	 * grow the table.
	 */
	@Test
	void identifiersOfRemovedRoutesAreGivenBack() {
		MessageRouter router = new MessageRouter();
		for (int i = 0; i < 10_000; i++) {
			Runnable remove = router.add("replies/" + UUID.randomUUID(), (message) -> {
			}, Runnable::run);
			remove.run();
		}
		assertThat(router.identifiersInUse()).isZero();
		assertThat(router.identifierOf("replies/one-more")).isNull();
	}

	@Test
	void identifiersStartAgainAfterTheMaximumAndSkipThoseInUse() {
		MessageRouter router = new MessageRouter(3);
		router.add("kept", (message) -> {
		}, Runnable::run);
		assertThat(router.identifierOf("kept")).isEqualTo(1);
		for (int i = 0; i < 5; i++) {
			String filter = "passing/" + i;
			Runnable remove = router.add(filter, (message) -> {
			}, Runnable::run);
			assertThat(router.identifierOf(filter)).isBetween(2, 3);
			remove.run();
		}
		assertThat(router.identifierOf("kept")).isEqualTo(1);
	}

	@Test
	void routesOfOneFilterShareItsIdentifierUntilTheLastIsRemoved() {
		MessageRouter router = new MessageRouter();
		Runnable first = router.add("same", (message) -> {
		}, Runnable::run);
		Runnable second = router.add("same", (message) -> {
		}, Runnable::run);
		Integer identifier = router.identifierOf("same");
		first.run();
		assertThat(router.identifierOf("same")).isEqualTo(identifier);
		second.run();
		assertThat(router.identifierOf("same")).isNull();
	}

}
