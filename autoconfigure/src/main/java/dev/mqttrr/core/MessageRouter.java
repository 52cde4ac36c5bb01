package dev.mqttrr.core;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import dev.mqttrr.support.MqttTopics;

/**
 * The routing table behind the one {@code MqttCallback}: topic filter to handler, matched with
 * {@link MqttTopics#matches(String, String)}. Safe to change while messages are routed, unlike
 * Paho's own listener maps.
 */
final class MessageRouter {

	private static final Log logger = LogFactory.getLog(MessageRouter.class);

	private final CopyOnWriteArrayList<Route> routes = new CopyOnWriteArrayList<>();

	/**
	 * Add a route; the returned handle removes it.
	 */
	Runnable add(String filter, MqttMessageHandler handler, Executor executor) {
		Route route = new Route(filter, handler, executor);
		this.routes.add(route);
		return () -> this.routes.remove(route);
	}

	/**
	 * Hand a message to every matching route's executor; return how many matched.
	 */
	int dispatch(String topic, MqttMessage message) {
		int matched = 0;
		for (Route route : this.routes) {
			if (MqttTopics.matches(route.filter, topic)) {
				matched++;
				try {
					route.executor.execute(() -> route.invoke(topic, message));
				}
				catch (RejectedExecutionException ex) {
					logger.warn("Dropped message on '" + topic + "': the executor for '" + route.filter
							+ "' is shut down or saturated");
				}
			}
		}
		if (matched == 0 && logger.isDebugEnabled()) {
			logger.debug("No route for message on '" + topic + "'");
		}
		return matched;
	}

	private record Route(String filter, MqttMessageHandler handler, Executor executor) {

		void invoke(String topic, MqttMessage message) {
			try {
				this.handler.handle(topic, message);
			}
			catch (Throwable ex) {
				logger.error("Handler for '" + this.filter + "' failed on a message from '" + topic + "'", ex);
			}
		}

	}

}
