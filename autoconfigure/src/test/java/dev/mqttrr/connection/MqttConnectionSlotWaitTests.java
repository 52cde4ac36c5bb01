package dev.mqttrr.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thread that waits for an in-flight slot, against a real Mosquitto that is paused so that the
 * broker's whole Receive Maximum window stays unacknowledged until it resumes.
 */
class MqttConnectionSlotWaitTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private MosquittoBroker broker;

	private PahoMqttConnection connection;

	@BeforeEach
	void connect() {
		this.broker = new MosquittoBroker().start();
		this.connection = TestConnections.connection(this.broker.url(), "slot-wait-test", 10,
				TestConnections.NO_RECONNECT);
		this.connection.start();
	}

	@AfterEach
	void disconnect() {
		this.broker.resume();
		this.connection.destroy();
		this.broker.stop();
	}

	@Test
	void aPublishThatWaitedForASlotIsSentOnceOneFrees() throws Exception {
		List<CompletableFuture<Integer>> window = fillWindowWhileBrokerIsPaused();
		CompletableFuture<CompletableFuture<Integer>> waited = publishWaitingOnAnotherThread(() -> false);
		this.broker.resume();
		assertThat(window).allSatisfy((ack) -> assertThat(ack).succeedsWithin(WAIT));
		assertThat(waited.get(WAIT.toSeconds(), TimeUnit.SECONDS)).succeedsWithin(WAIT)
			.isEqualTo(MqttConnection.NO_MATCHING_SUBSCRIBERS);
	}

	@Test
	void aPublishAbandonedWhileWaitingForASlotIsNotSent() throws Exception {
		List<CompletableFuture<Integer>> window = fillWindowWhileBrokerIsPaused();
		AtomicBoolean abandoned = new AtomicBoolean();
		CompletableFuture<CompletableFuture<Integer>> waited = publishWaitingOnAnotherThread(abandoned::get);
		abandoned.set(true);
		this.broker.resume();
		assertThat(window).allSatisfy((ack) -> assertThat(ack).succeedsWithin(WAIT));
		CompletableFuture<Integer> outcome = waited.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(outcome).isNotDone();
	}

	private List<CompletableFuture<Integer>> fillWindowWhileBrokerIsPaused() {
		this.broker.pause();
		List<CompletableFuture<Integer>> window = new ArrayList<>();
		for (int i = 0; i < this.connection.getReceiveMaximum(); i++) {
			window.add(TestConnections.publish(this.connection, TestConnections.message("test/slots", 1)));
		}
		assertThat(window).noneMatch(CompletableFuture::isDone);
		return window;
	}

	/**
	 * Publish from a new thread, and return once that thread waits for a slot: the returned
	 * future completes with the publish's own future when the thread is done.
	 */
	private CompletableFuture<CompletableFuture<Integer>> publishWaitingOnAnotherThread(BooleanSupplier abandoned) {
		CompletableFuture<CompletableFuture<Integer>> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> done.complete(TestConnections.publishWaitingHere(this.connection,
				TestConnections.message("test/slots", 1), abandoned)));
		thread.start();
		await().atMost(WAIT).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
		assertThat(done).isNotDone();
		return done;
	}

}
