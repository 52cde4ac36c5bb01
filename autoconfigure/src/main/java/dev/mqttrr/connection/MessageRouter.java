package dev.mqttrr.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * Safe to change while messages are routed, unlike Paho's own listener maps.
 */
final class MessageRouter {

	private static final Log logger = LogFactory.getLog(MessageRouter.class);

	private final CopyOnWriteArrayList<Route> routes = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> identifiers = new ConcurrentHashMap<>();

	private final AtomicInteger lastIdentifier = new AtomicInteger();

	private volatile Map<Integer, List<Route>> routesByIdentifier = Map.of();

	/**
	 * Add a route; the returned handle removes it.
	 */
	Runnable add(String filter, MqttMessageHandler handler, Executor executor) {
		MqttTopics.validateTopicFilter(filter, "filter");
		Route route = new Route(filter, identifierOf(filter), handler, executor);
		synchronized (this) {
			this.routes.add(route);
			index();
		}
		return () -> {
			synchronized (this) {
				this.routes.remove(route);
				index();
			}
		};
	}

	/**
	 * Return the subscription identifier of a filter: the same for as long as the application
	 * runs, so that a SUBSCRIBE sent again after a reconnect carries it too.
	 */
	int identifierOf(String filter) {
		return this.identifiers.computeIfAbsent(filter, (key) -> this.lastIdentifier.incrementAndGet());
	}

	/**
	 * Hand a message to the executor of each route it is for; return how many that were.
	 * @param message the message
	 * @param subscriptionIdentifiers the identifiers it carries, empty when the broker sent none
	 */
	int dispatch(ReceivedMessage message, List<Integer> subscriptionIdentifiers) {
		int routed = 0;
		if (!subscriptionIdentifiers.isEmpty()) {
			Map<Integer, List<Route>> byIdentifier = this.routesByIdentifier;
			for (Integer identifier : subscriptionIdentifiers) {
				for (Route route : byIdentifier.getOrDefault(identifier, List.of())) {
					routed += route.accept(message);
				}
			}
		}
		else {
			for (Route route : this.routes) {
				if (MqttTopics.matches(route.filter, message.topic())) {
					routed += route.accept(message);
				}
			}
		}
		if (routed == 0 && logger.isDebugEnabled()) {
			logger.debug("No route for message on '" + message.topic() + "'");
		}
		return routed;
	}

	/** Holding the lock: rebuild the identifier index after a change of the routes. */
	private void index() {
		Map<Integer, List<Route>> index = new HashMap<>();
		for (Route route : this.routes) {
			index.computeIfAbsent(route.identifier, (key) -> new ArrayList<>()).add(route);
		}
		index.replaceAll((identifier, routes) -> List.copyOf(routes));
		this.routesByIdentifier = Map.copyOf(index);
	}

	private record Route(String filter, int identifier, MqttMessageHandler handler, Executor executor) {

		int accept(ReceivedMessage message) {
			try {
				this.executor.execute(() -> invoke(message));
				return 1;
			}
			catch (RejectedExecutionException ex) {
				logger.warn("Dropped message on '" + message.topic() + "': the executor for '" + this.filter
						+ "' is shut down or saturated");
				return 0;
			}
		}

		void invoke(ReceivedMessage message) {
			try {
				this.handler.handle(message);
			}
			catch (Throwable ex) {
				logger.error("Handler for '" + this.filter + "' failed on a message from '" + message.topic() + "'",
						ex);
			}
		}

	}

}
