package dev.mqttrr.connection;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.AcknowledgingMqttMessageHandler;
import dev.mqttrr.core.AcknowledgingMqttMessageHandler.Acknowledgement;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.ReceivedMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing table: subscription identifiers held only while a filter has routes and never
 * beyond the MQTT 5 maximum; stale identifiers; when a message is acknowledged.
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

	/**
	 * A persistent session's messages carry the identifiers of the subscriptions an earlier
	 * process made: one that names no route, or the route of another filter, must not lose the
	 * message.
	 */
	@Test
	void aMessageWithStaleIdentifiersIsRoutedByItsTopic() {
		MessageRouter router = new MessageRouter();
		List<String> reached = new CopyOnWriteArrayList<>();
		router.add("replies/#", (message) -> reached.add("replies"), Runnable::run);
		router.add("requests/+", (message) -> reached.add("requests"), Runnable::run);
		Integer repliesIdentifier = router.identifierOf("replies/#");
		assertThat(router.dispatch(message("requests/a"), List.of(repliesIdentifier), Acknowledgement.NONE))
			.isEqualTo(1);
		assertThat(router.dispatch(message("requests/b"), List.of(999), Acknowledgement.NONE)).isEqualTo(1);
		assertThat(reached).containsExactly("requests", "requests");
	}

	@Test
	void aMessageIsAcknowledgedOnceEveryAcknowledgingRouteAcknowledgedIt() {
		MessageRouter router = new MessageRouter();
		List<Runnable> heldAcknowledgements = new CopyOnWriteArrayList<>();
		AcknowledgingMqttMessageHandler holding = (message, acknowledgement) -> heldAcknowledgements
			.add(acknowledgement::acknowledge);
		router.add("x/+", holding, Runnable::run);
		router.add("x/#", holding, Runnable::run);
		router.add("x/a", (message) -> {
		}, Runnable::run);
		AtomicInteger acknowledged = new AtomicInteger();
		List<Integer> identifiers = List.of(router.identifierOf("x/+"), router.identifierOf("x/#"),
				router.identifierOf("x/a"));
		assertThat(router.dispatch(message("x/a"), identifiers, acknowledged::incrementAndGet)).isEqualTo(3);
		assertThat(heldAcknowledgements).hasSize(2);
		heldAcknowledgements.get(0).run();
		assertThat(acknowledged).hasValue(0);
		heldAcknowledgements.get(1).run();
		assertThat(acknowledged).hasValue(1);
	}

	@Test
	void aMessageWithoutAcknowledgingRoutesIsAcknowledgedWhenHandedOver() {
		MessageRouter router = new MessageRouter();
		AtomicInteger acknowledged = new AtomicInteger();
		router.add("x/a", (message) -> {
		}, Runnable::run);
		router.dispatch(message("x/a"), List.of(), acknowledged::incrementAndGet);
		router.dispatch(message("no/route"), List.of(), acknowledged::incrementAndGet);
		assertThat(acknowledged).hasValue(2);
	}

	private static ReceivedMessage message(String topic) {
		return new ReceivedMessage(topic, new byte[0], 1, false, false, PublishProperties.builder().build(),
				System.nanoTime());
	}

}
