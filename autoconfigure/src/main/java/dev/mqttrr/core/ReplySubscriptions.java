package dev.mqttrr.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The subscriptions replies arrive on: the inbox, subscribed for as long as the client is
 * connected, and caller-given response topics, counted: the first waiter on a topic subscribes
 * (and adds a route), the last one to leave unsubscribes. All of them are subscribed again after a
 * reconnect.
 */
final class ReplySubscriptions implements MqttConnectionListener {

	private final MqttConnection connection;

	private final String inbox;

	private final MqttMessageHandler handler;

	private final int qos;

	private final Map<String, Entry> entries = new HashMap<>();

	private volatile @Nullable CompletableFuture<Void> inboxSubscribed;

	/**
	 * Route the inbox to the handler and follow the connection; replies are matched on Paho's
	 * callback thread (a map lookup, nothing that blocks).
	 */
	ReplySubscriptions(MqttConnection connection, String inbox, MqttMessageHandler handler, int qos) {
		this.connection = connection;
		this.inbox = inbox;
		this.handler = handler;
		this.qos = qos;
		connection.addRoute(inbox, handler, Runnable::run);
		connection.addConnectionListener(this);
	}

	/**
	 * Join the subscription to a topic; the future completes once the broker granted it. A
	 * subscription that failed is tried again.
	 */
	CompletableFuture<Void> acquire(String topic) {
		if (topic.equals(this.inbox)) {
			CompletableFuture<Void> subscribed = this.inboxSubscribed;
			return (subscribed != null && !subscribed.isCompletedExceptionally()) ? subscribed : subscribeInbox();
		}
		synchronized (this) {
			Entry entry = this.entries.get(topic);
			if (entry == null) {
				entry = new Entry(this.connection.addRoute(topic, this.handler, Runnable::run));
				this.entries.put(topic, entry);
			}
			if (entry.subscribed == null || entry.subscribed.isCompletedExceptionally()) {
				entry.subscribed = this.connection.subscribe(topic, this.qos);
			}
			entry.count++;
			return entry.subscribed;
		}
	}

	/**
	 * Leave the subscription to a topic; the inbox is never left, and without taking the lock, as
	 * every request on it ends here.
	 */
	void release(String topic) {
		if (topic.equals(this.inbox)) {
			return;
		}
		synchronized (this) {
			Entry entry = this.entries.get(topic);
			if (entry != null && --entry.count == 0) {
				this.entries.remove(topic);
				entry.removeRoute.run();
				if (this.connection.isConnected()) {
					this.connection.unsubscribe(topic);
				}
			}
		}
	}

	/**
	 * Return how many caller-given response topics are subscribed now.
	 */
	synchronized int count() {
		return this.entries.size();
	}

	@Override
	public void connected(boolean reconnect) {
		subscribeInbox();
		synchronized (this) {
			for (Map.Entry<String, Entry> each : this.entries.entrySet()) {
				each.getValue().subscribed = this.connection.subscribe(each.getKey(), this.qos);
			}
		}
	}

	@Override
	public void connectionLost(Throwable cause) {
		synchronized (this) {
			this.inboxSubscribed = null;
			this.entries.values().forEach((entry) -> entry.subscribed = null);
		}
	}

	private synchronized CompletableFuture<Void> subscribeInbox() {
		CompletableFuture<Void> subscribed = this.inboxSubscribed;
		if (subscribed == null || subscribed.isCompletedExceptionally()) {
			subscribed = this.connection.subscribe(this.inbox, this.qos);
			this.inboxSubscribed = subscribed;
		}
		return subscribed;
	}

	private static final class Entry {

		final Runnable removeRoute;

		@Nullable CompletableFuture<Void> subscribed;

		int count;

		Entry(Runnable removeRoute) {
			this.removeRoute = removeRoute;
		}

	}

}
