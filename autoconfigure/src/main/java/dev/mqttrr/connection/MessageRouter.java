package dev.mqttrr.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.AcknowledgingMqttMessageHandler;
import dev.mqttrr.core.AcknowledgingMqttMessageHandler.Acknowledgement;
import dev.mqttrr.core.MqttMessageHandler;
import dev.mqttrr.core.MqttTopics;
import dev.mqttrr.core.ReceivedMessage;

/**
 * The routing table behind the one Paho callback. Each filter has an MQTT 5 subscription
 * identifier, sent with its SUBSCRIBE: a message that carries identifiers goes to the routes of
 * those filters, once each, whatever else it matches (a broker sends a copy per matching
 * subscription, and routing every copy to every matching filter would run handlers twice), at a
 * cost that does not grow with the number of routes. A message without identifiers (a broker
 * that has none) is matched against every filter with {@link MqttTopics#matches(String, String)}.
 * A message is acknowledged once handed to the executors of its routes, or, when a route's
 * handler is an {@link AcknowledgingMqttMessageHandler}, once every such handler acknowledged it.
 * Safe to change while messages are routed, unlike Paho's own listener maps.
 */
final class MessageRouter {

	private static final Log logger = LogFactory.getLog(MessageRouter.class);

	/** The largest subscription identifier MQTT 5 allows (a variable byte integer). */
	static final int MAX_IDENTIFIER = 268_435_455;

	private final CopyOnWriteArrayList<Route> routes = new CopyOnWriteArrayList<>();

	private final int maxIdentifier;

	/** Guarded by {@code this}: the identifier of each filter that has routes. */
	private final Map<String, Integer> identifiers = new HashMap<>();

	/** Guarded by {@code this}. */
	private int lastIdentifier;

	private volatile Map<Integer, List<Route>> routesByIdentifier = Map.of();

	MessageRouter() {
		this(MAX_IDENTIFIER);
	}

	MessageRouter(int maxIdentifier) {
		this.maxIdentifier = maxIdentifier;
	}

	/**
	 * Add a route; the returned handle removes it.
	 */
	Runnable add(String filter, MqttMessageHandler handler, Executor executor) {
		MqttTopics.validateTopicFilter(filter, "filter");
		Route route;
		synchronized (this) {
			route = new Route(filter, MqttTopics.stripSharePrefix(filter),
					this.identifiers.computeIfAbsent(filter, (key) -> nextIdentifier()), handler, executor);
			this.routes.add(route);
			index();
		}
		return () -> {
			synchronized (this) {
				if (this.routes.remove(route)) {
					index();
				}
			}
		};
	}

	/**
	 * Return the subscription identifier of a filter that has routes, the same for as long as it
	 * has them, so that a SUBSCRIBE sent again after a reconnect carries it too; {@code null} for a
	 * filter without routes.
	 */
	synchronized @Nullable Integer identifierOf(String filter) {
		return this.identifiers.get(filter);
	}

	/**
	 * Return the number of filters that hold an identifier: those with routes.
	 */
	synchronized int identifiersInUse() {
		return this.identifiers.size();
	}

	/**
	 * Holding the lock: the next identifier, counting up and starting again at 1 after the
	 * maximum, skipping those in use. Identifiers are not handed out again at once: a message of
	 * a subscription that is being removed may still be on its way, and must not reach the routes
	 * of another filter.
	 */
	private int nextIdentifier() {
		Set<Integer> inUse = Set.copyOf(this.identifiers.values());
		do {
			this.lastIdentifier = (this.lastIdentifier % this.maxIdentifier) + 1;
		}
		while (inUse.contains(this.lastIdentifier));
		return this.lastIdentifier;
	}

	/**
	 * Hand a message to the executor of each route it is for; return how many that were.
	 * @param message the message
	 * @param subscriptionIdentifiers the identifiers it carries, empty when the broker sent none
	 * @param acknowledgement acknowledges the message to the broker; run once, when handed to
	 * every route or, for acknowledging handlers, when all of them acknowledged it
	 */
	int dispatch(ReceivedMessage message, List<Integer> subscriptionIdentifiers, Acknowledgement acknowledgement) {
		List<Route> matched = matching(message, subscriptionIdentifiers);
		int acknowledging = 0;
		for (Route route : matched) {
			if (route.acknowledges()) {
				acknowledging++;
			}
		}
		Acknowledgement shared = (acknowledging > 1) ? countDown(acknowledging, acknowledgement) : acknowledgement;
		int routed = 0;
		for (Route route : matched) {
			routed += route.accept(message, shared);
		}
		if (acknowledging == 0) {
			acknowledgement.acknowledge();
		}
		if (routed == 0 && logger.isDebugEnabled()) {
			logger.debug("No route for message on '" + message.topic() + "'");
		}
		return routed;
	}

	/**
	 * Return the routes a message is for: those of the identifiers it carries whose filter matches
	 * its topic; when there are none (no identifiers, or stale ones: a persistent session's
	 * messages carry the identifiers of the subscriptions an earlier process made), every route
	 * whose filter matches.
	 */
	private List<Route> matching(ReceivedMessage message, List<Integer> subscriptionIdentifiers) {
		if (!subscriptionIdentifiers.isEmpty()) {
			Map<Integer, List<Route>> byIdentifier = this.routesByIdentifier;
			if (subscriptionIdentifiers.size() == 1) {
				// The common case: one identifier whose routes all match; no copy.
				List<Route> identified = byIdentifier.getOrDefault(subscriptionIdentifiers.get(0), List.of());
				if (!identified.isEmpty() && allMatch(identified, message.topic())) {
					return identified;
				}
			}
			List<Route> matched = null;
			for (Integer identifier : subscriptionIdentifiers) {
				for (Route route : byIdentifier.getOrDefault(identifier, List.of())) {
					if (route.matches(message.topic())) {
						if (matched == null) {
							matched = new ArrayList<>(2);
						}
						matched.add(route);
					}
				}
			}
			if (matched != null) {
				return matched;
			}
		}
		List<Route> matched = new ArrayList<>(2);
		for (Route route : this.routes) {
			if (route.matches(message.topic())) {
				matched.add(route);
			}
		}
		return matched;
	}

	private static boolean allMatch(List<Route> routes, String topic) {
		for (Route route : routes) {
			if (!route.matches(topic)) {
				return false;
			}
		}
		return true;
	}

	private static Acknowledgement countDown(int count, Acknowledgement acknowledgement) {
		AtomicInteger remaining = new AtomicInteger(count);
		return () -> {
			if (remaining.decrementAndGet() == 0) {
				acknowledgement.acknowledge();
			}
		};
	}

	/**
	 * Holding the lock: rebuild the identifier index after a change of the routes, and free the
	 * identifiers of filters that have no route left.
	 */
	private void index() {
		Map<Integer, List<Route>> index = new HashMap<>();
		for (Route route : this.routes) {
			index.computeIfAbsent(route.identifier, (key) -> new ArrayList<>()).add(route);
		}
		this.identifiers.values().removeIf((identifier) -> !index.containsKey(identifier));
		index.replaceAll((identifier, routes) -> List.copyOf(routes));
		this.routesByIdentifier = Map.copyOf(index);
	}

	/**
	 * A route; {@code topicFilter} is its filter without a {@code $share/<group>/} prefix, as
	 * messages are matched against it.
	 */
	private record Route(String filter, String topicFilter, int identifier, MqttMessageHandler handler,
			Executor executor) {

		boolean matches(String topic) {
			return MqttTopics.matches(this.topicFilter, topic);
		}

		boolean acknowledges() {
			return this.handler instanceof AcknowledgingMqttMessageHandler;
		}

		int accept(ReceivedMessage message, Acknowledgement acknowledgement) {
			try {
				this.executor.execute(() -> invoke(message, acknowledgement));
				return 1;
			}
			catch (RejectedExecutionException ex) {
				if (this.handler instanceof AcknowledgingMqttMessageHandler acknowledging) {
					acknowledging.rejected(message, acknowledgement);
				}
				else {
					logger.warn("Dropped message on '" + message.topic() + "': the executor for '" + this.filter
							+ "' is shut down or saturated");
				}
				return 0;
			}
		}

		void invoke(ReceivedMessage message, Acknowledgement acknowledgement) {
			try {
				if (this.handler instanceof AcknowledgingMqttMessageHandler acknowledging) {
					acknowledging.handle(message, acknowledgement);
				}
				else {
					this.handler.handle(message);
				}
			}
			catch (Throwable ex) {
				logger.error("Handler for '" + this.filter + "' failed on a message from '" + message.topic() + "'",
						ex);
			}
		}

	}

}
