package dev.mqttrr.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reference-counted subscriptions for caller-given response topics: the first waiter on a topic
 * subscribes (and adds a route), the last one to leave unsubscribes.
 */
final class ReplySubscriptions {

	private final MqttConnection connection;

	private final MqttMessageHandler handler;

	private final Executor executor;

	private final int qos;

	private final Map<String, Entry> entries = new HashMap<>();

	ReplySubscriptions(MqttConnection connection, MqttMessageHandler handler, Executor executor, int qos) {
		this.connection = connection;
		this.handler = handler;
		this.executor = executor;
		this.qos = qos;
	}

	/**
	 * Join the subscription to a topic; the future completes once the broker granted it.
	 */
	synchronized CompletableFuture<Void> acquire(String topic) {
		Entry entry = this.entries.get(topic);
		if (entry == null) {
			Runnable removeRoute = this.connection.addRoute(topic, this.handler, this.executor);
			entry = new Entry(removeRoute, this.connection.subscribe(topic, this.qos));
			this.entries.put(topic, entry);
		}
		entry.count++;
		return entry.subscribed;
	}

	/**
	 * Leave the subscription to a topic.
	 */
	synchronized void release(String topic) {
		Entry entry = this.entries.get(topic);
		if (entry != null && --entry.count == 0) {
			this.entries.remove(topic);
			entry.removeRoute.run();
			if (this.connection.isConnected()) {
				this.connection.unsubscribe(topic);
			}
		}
	}

	/**
	 * Subscribe again to every topic in use, after a reconnect.
	 */
	synchronized void resubscribe() {
		for (Map.Entry<String, Entry> each : this.entries.entrySet()) {
			each.getValue().subscribed = this.connection.subscribe(each.getKey(), this.qos);
		}
	}

	private static final class Entry {

		final Runnable removeRoute;

		CompletableFuture<Void> subscribed;

		int count;

		Entry(Runnable removeRoute, CompletableFuture<Void> subscribed) {
			this.removeRoute = removeRoute;
			this.subscribed = subscribed;
		}

	}

}
