package dev.mqttrr.connection;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mqttrr.core.MqttMessageHandler;
import dev.mqttrr.core.MqttTopics;
import dev.mqttrr.core.ReceivedMessage;

/**
 * The routing table behind the one Paho callback: topic filter to handler, matched with
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
		MqttTopics.validateTopicFilter(filter, "filter");
		Route route = new Route(filter, handler, executor);
		this.routes.add(route);
		return () -> this.routes.remove(route);
	}

	/**
	 * Hand a message to every matching route's executor; return how many matched.
	 */
	int dispatch(ReceivedMessage message) {
		int matched = 0;
		for (Route route : this.routes) {
			if (MqttTopics.matches(route.filter, message.topic())) {
				matched++;
				try {
					route.executor.execute(() -> route.invoke(message));
				}
				catch (RejectedExecutionException ex) {
					logger.warn("Dropped message on '" + message.topic() + "': the executor for '" + route.filter
							+ "' is shut down or saturated");
				}
			}
		}
		if (matched == 0 && logger.isDebugEnabled()) {
			logger.debug("No route for message on '" + message.topic() + "'");
		}
		return matched;
	}

	private record Route(String filter, MqttMessageHandler handler, Executor executor) {

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
