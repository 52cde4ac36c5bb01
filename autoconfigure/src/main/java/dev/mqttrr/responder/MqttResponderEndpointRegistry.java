package dev.mqttrr.responder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.Assert;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttInvalidResponderException;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.responder.observation.MqttResponderObservationConvention;
import dev.mqttrr.responder.observation.MqttTraceContextInjector;
import dev.mqttrr.support.Exceptions;

/**
 * Owns the responder endpoints: checks each method when it is registered, subscribes every
 * endpoint once the connection is up and again after each reconnect, and on stop unsubscribes and
 * finishes the requests already delivered. Started after the {@link MqttConnection}, stopped
 * before it.
 * <p>
 * Each endpoint is routed from its registration on, whether the registry runs or not: a broker
 * that keeps a persistent session sends the requests it still holds for it (those a crashed or
 * stopped instance never acknowledged) right after the connection is made, before this registry
 * starts, and a request it sent before it took the UNSUBSCRIBE of a stop may arrive after the stop.
 * Both are answered.
 */
public class MqttResponderEndpointRegistry implements SmartLifecycle, MqttConnectionListener {

	/** The lifecycle phase: after the connection. */
	public static final int PHASE = MqttConnection.PHASE + 100;

	private static final Log logger = LogFactory.getLog(MqttResponderEndpointRegistry.class);

	private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

	/** The longest a stop waits for requests already taken; Spring's phase timeout may end it sooner. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	private final MqttConnection connection;

	private final MessageHandlerMethodFactory handlerMethodFactory;

	private final MqttReplySender replySender;

	private final Executor executor;

	private final List<MqttResponderMessageListener> listeners = new ArrayList<>();

	/** The endpoints as of the last registration, read for every request. */
	private volatile List<MqttResponderEndpoint> endpoints = List.of();

	private volatile ResponseTopicPolicy responseTopics = new ResponseTopicPolicy(List.of(), () -> this.endpoints);

	private final ResponderWork work = new ResponderWork();

	/** Filters whose last subscribe failed while connected, with the reason; for health checks. */
	private final Map<String, String> refusedSubscriptions = new ConcurrentHashMap<>();

	private final ResponderObservations observations = new ResponderObservations();

	private volatile boolean running;

	private volatile int maxRequestsPerResponder = Integer.MAX_VALUE;

	private volatile long maxPayloadSize = Long.MAX_VALUE;

	private volatile boolean autoStartup = true;

	/** Guarded by {@code listeners}: whether start() found the connection up and subscribed. */
	private boolean subscribedOnStart;

	/**
	 * Create a registry.
	 * @param connection the connection to subscribe on
	 * @param handlerMethodFactory creates invocable methods (argument resolution and conversion)
	 * @param payloadConverter converts the methods' results to reply payloads
	 * @param executor runs the responder methods
	 */
	public MqttResponderEndpointRegistry(MqttConnection connection, MessageHandlerMethodFactory handlerMethodFactory,
			MqttPayloadConverter payloadConverter, Executor executor) {
		this.connection = connection;
		this.handlerMethodFactory = handlerMethodFactory;
		this.replySender = new MqttReplySender(connection, payloadConverter);
		this.executor = executor;
		connection.addConnectionListener(this);
	}

	/**
	 * Register an endpoint. Its method is checked now: a signature that cannot be served fails
	 * with an exception naming the method. Subscribes at once if the registry is running.
	 * @param endpoint the endpoint
	 */
	public void register(MqttResponderEndpoint endpoint) {
		ResponderChecks.checkSignature(endpoint);
		InvocableHandlerMethod handlerMethod = this.handlerMethodFactory.createInvocableHandlerMethod(endpoint.bean(),
				endpoint.method());
		MqttResponderMessageListener listener = new MqttResponderMessageListener(endpoint, handlerMethod,
				this.replySender, this.work, new BoundedExecutor(this.executor, this.maxRequestsPerResponder),
				this.responseTopics, this.maxPayloadSize, this.observations);
		synchronized (this.listeners) {
			if (this.running) {
				List<MqttResponderMessageListener> withNew = new ArrayList<>(this.listeners);
				withNew.add(listener);
				checkOverlaps(withNew);
			}
			this.listeners.add(listener);
			this.endpoints = this.listeners.stream().map(MqttResponderMessageListener::getEndpoint).toList();
			route(listener);
			if (this.running) {
				if (this.connection.isConnected()) {
					await(List.of(subscribe(listener)));
				}
				// Otherwise it is subscribed with the others once the connection comes up.
			}
		}
	}

	/**
	 * Set the topic filters the response topics of requests must match; empty, the default,
	 * allows any topic that is not refused anyway (empty, wildcards, a leading {@code $}, a request
	 * topic of this application). Set it before endpoints are registered.
	 * @param filters the allowed response-topic filters
	 */
	public void setAllowedResponseTopics(List<String> filters) {
		this.responseTopics = new ResponseTopicPolicy(filters, () -> this.endpoints);
	}

	/**
	 * Set how many requests one responder may have queued or running at once; more are
	 * answered at once with a busy reply ({@code MqttResponderBusyException} at the caller)
	 * instead of queuing without bound. Each responder has its own bound on the shared executor,
	 * so a flood on one topic does not make the others busy. Set it before endpoints are
	 * registered.
	 * @param maxRequestsPerResponder the bound, at least 1
	 */
	public void setMaxRequestsPerResponder(int maxRequestsPerResponder) {
		this.maxRequestsPerResponder = maxRequestsPerResponder;
	}

	/**
	 * Set the largest request payload a responder reads; a larger one is answered with an error
	 * reply (problem type {@code urn:mqttrr:request-too-large}) before any conversion. Set it
	 * before endpoints are registered.
	 * @param maxPayloadSize the limit in bytes
	 */
	public void setMaxPayloadSize(long maxPayloadSize) {
		this.maxPayloadSize = maxPayloadSize;
	}

	/**
	 * Return how many requests were answered as busy because their responder had as many
	 * queued or running as it takes.
	 * @return the number of busy replies
	 */
	public long getBusyRequestCount() {
		return this.work.busyCount();
	}

	/**
	 * Set the registry for {@code mqtt.responder} observations; {@link ObservationRegistry#NOOP},
	 * the default, observes nothing and costs nothing per request.
	 * @param observationRegistry the observation registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observations.setRegistry(observationRegistry);
	}

	/**
	 * Set the convention of {@code mqtt.responder} observations, replacing the default one.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable MqttResponderObservationConvention observationConvention) {
		this.observations.setConvention(observationConvention);
	}

	/**
	 * Set what writes the responder's trace context into its replies' user properties.
	 * @param traceContextInjector the injector, or {@code null} to send replies without one
	 */
	public void setTraceContextInjector(@Nullable MqttTraceContextInjector traceContextInjector) {
		this.replySender.setTraceContextInjector(traceContextInjector);
	}

	/**
	 * Return how many requests were refused because of their response topic: the method was not
	 * called and nothing was published.
	 * @return the number of refused requests
	 */
	public long getRefusedResponseTopicCount() {
		return this.work.refusedCount();
	}

	/**
	 * Return how many requests were skipped because their Message Expiry Interval had passed
	 * before a responder got to them (their callers no longer wait).
	 * @return the number of expired requests skipped
	 */
	public long getExpiredRequestCount() {
		return this.work.expiredCount();
	}

	/**
	 * Return the subscriptions that are not in place although the connection was up: filters
	 * whose last SUBSCRIBE the broker refused (a SUBACK reason code such as 0x87, not authorized)
	 * or that were not subscribed because they overlap on a broker without subscription
	 * identifiers, each with the reason. A filter leaves when a later subscribe is granted; a
	 * subscribe that failed because the connection went away is not counted.
	 * @return the refused filters and why, sorted by filter
	 */
	public Map<String, String> getRefusedSubscriptions() {
		return Collections.unmodifiableMap(new TreeMap<>(this.refusedSubscriptions));
	}

	/**
	 * Return the registered endpoints.
	 * @return the endpoints, in registration order
	 */
	public List<MqttResponderEndpoint> getEndpoints() {
		synchronized (this.listeners) {
			return this.listeners.stream().map(MqttResponderMessageListener::getEndpoint).toList();
		}
	}

	/**
	 * Subscribe every endpoint. When connected, waits for the SUBACKs, so that a refused
	 * subscription fails start-up; otherwise subscribes once the connection comes up.
	 */
	@Override
	public void start() {
		synchronized (this.listeners) {
			if (this.running) {
				return;
			}
			boolean connected = this.connection.isConnected();
			if (connected) {
				checkOverlaps(this.listeners);
			}
			List<CompletableFuture<Void>> subscriptions = new ArrayList<>();
			if (connected) {
				for (MqttResponderMessageListener listener : this.listeners) {
					subscriptions.add(subscribe(listener));
				}
			}
			this.running = true;
			this.subscribedOnStart = connected;
			await(subscriptions);
		}
	}

	@Override
	public void stop() {
		CountDownLatch stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stop taking requests and finish those already delivered: unsubscribe at once, so that the
	 * broker sends new requests to the other members of a shared group, then, off the calling
	 * thread, wait until every request taken is answered (its reply acknowledged by the broker).
	 * A request the broker sent before it took the UNSUBSCRIBE may still be on its way, and is
	 * answered while the connection, which stops later, is up. The wait ends with {@code callback}, which Spring waits for up to
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 */
	@Override
	public void stop(Runnable callback) {
		List<CompletableFuture<Void>> unsubscribed = new ArrayList<>();
		synchronized (this.listeners) {
			if (!this.running) {
				callback.run();
				return;
			}
			this.running = false;
			this.refusedSubscriptions.clear();
			this.listeners.stream()
				.map((listener) -> listener.getEndpoint().subscriptionFilter())
				.distinct()
				.forEach((filter) -> unsubscribed.add(this.connection.unsubscribe(filter)));
		}
		Thread drain = new Thread(() -> {
			try {
				drain(unsubscribed);
			}
			finally {
				callback.run();
			}
		}, "mqtt-rr-responder-drain");
		drain.setDaemon(true);
		drain.start();
	}

	private void drain(List<CompletableFuture<Void>> unsubscribed) {
		try {
			// Requests the broker sent before it took the UNSUBSCRIBE are still delivered.
			CompletableFuture.allOf(unsubscribed.toArray(CompletableFuture[]::new))
				.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Unsubscribing the responders failed: " + Exceptions.unwrap(ex).getMessage());
		}
		try {
			if (!this.work.awaitIdle(DRAIN_TIMEOUT)) {
				logger.warn(this.work.inFlight() + " MQTT requests were still being handled " + DRAIN_TIMEOUT.toSeconds()
						+ " s after the responders stopped taking new ones; their callers will time out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Set whether the responders subscribe when the application context starts (default
	 * {@code true}).
	 * @param autoStartup whether to start with the context
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void connected(boolean reconnect) {
		synchronized (this.listeners) {
			if (!this.running) {
				return;
			}
			if (!reconnect && this.subscribedOnStart) {
				// The connect that start() found up: start() subscribed.
				this.subscribedOnStart = false;
				return;
			}
			try {
				checkOverlaps(this.listeners);
			}
			catch (MqttInvalidResponderException ex) {
				logger.error("Not subscribing the responders: " + ex.getMessage());
				this.listeners.forEach((listener) -> this.refusedSubscriptions
					.put(listener.getEndpoint().subscriptionFilter(), String.valueOf(ex.getMessage())));
				return;
			}
			for (MqttResponderMessageListener listener : this.listeners) {
				subscribe(listener).whenComplete((granted, ex) -> {
					if (ex != null) {
						logger.error("Could not subscribe " + listener.getEndpoint().methodName() + " after "
								+ "connecting: " + ex.getMessage());
					}
				});
			}
		}
	}

	private void route(MqttResponderMessageListener listener) {
		this.connection.addRoute(listener.getEndpoint().subscriptionFilter(), listener,
				this.work.counting(listener.getExecutor()));
	}

	private CompletableFuture<Void> subscribe(MqttResponderMessageListener listener) {
		MqttResponderEndpoint endpoint = listener.getEndpoint();
		String filter = endpoint.subscriptionFilter();
		return this.connection.subscribe(filter, endpoint.qos()).whenComplete((granted, ex) -> {
			if (ex == null) {
				this.refusedSubscriptions.remove(filter);
				logger.info("Responder " + endpoint.methodName() + " subscribed to '" + filter + "'");
			}
			else if (!(Exceptions.unwrap(ex) instanceof MqttDisconnectedException)) {
				this.refusedSubscriptions.put(filter, String.valueOf(Exceptions.unwrap(ex).getMessage()));
			}
		});
	}

	private static void await(List<CompletableFuture<Void>> subscriptions) {
		try {
			CompletableFuture.allOf(subscriptions.toArray(CompletableFuture[]::new))
				.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MqttRequestResponseException("Interrupted while subscribing the responders", ex);
		}
		catch (Exception ex) {
			Throwable cause = Exceptions.unwrap(ex);
			throw new MqttRequestResponseException("Could not subscribe the @MqttResponder endpoints: "
					+ cause.getMessage(), cause);
		}
	}

	/**
	 * Check for overlapping filters, where the broker makes that a problem.
	 */
	private void checkOverlaps(List<MqttResponderMessageListener> listeners) {
		if (this.connection.isConnected() && !this.connection.isSubscriptionIdentifierAvailable()) {
			ResponderChecks.checkNoOverlap(listeners.stream().map(MqttResponderMessageListener::getEndpoint).toList(),
					this.connection.getServerUri());
		}
	}

}
