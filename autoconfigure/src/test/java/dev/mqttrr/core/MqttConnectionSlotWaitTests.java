package dev.mqttrr.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thread that waits for an in-flight slot, against a real Mosquitto that is paused so that the
 * broker's whole Receive Maximum window stays unacknowledged until it resumes.
 */
class MqttConnectionSlotWaitTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private MosquittoBroker broker;

	private MqttConnection connection;

	@BeforeEach
	void connect() throws Exception {
		this.broker = new MosquittoBroker().start();
		MqttAsyncClient client = new MqttAsyncClient(this.broker.url(), "slot-wait-test", new MemoryPersistence());
		this.connection = new MqttConnection(client, new MqttConnectionOptions(), Runnable::run,
				new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO));
		this.connection.start();
	}

	@AfterEach
	void disconnect() {
		this.broker.resume();
		this.connection.stop();
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
		assertThat(waited.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isCancelled();
	}

	private List<CompletableFuture<Integer>> fillWindowWhileBrokerIsPaused() {
		this.broker.pause();
		List<CompletableFuture<Integer>> window = new ArrayList<>();
		for (int i = 0; i < this.connection.getReceiveMaximum(); i++) {
			window.add(this.connection.publish("test/slots", new MqttMessage(new byte[] { 1 }, 1, false, null)));
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
		Thread thread = new Thread(() -> done.complete(this.connection.publishWaitingHere("test/slots",
				new MqttMessage(new byte[] { 2 }, 1, false, null), Duration.ofSeconds(30), abandoned)));
		thread.start();
		await().atMost(WAIT).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
		assertThat(done).isNotDone();
		return done;
	}

}
