package dev.mqttrr.responder;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.support.Exceptions;

/**
 * Owns the responder endpoints: checks each method when it is registered, and subscribes every
 * endpoint once the connection is up and again after each reconnect. Started after the
 * {@link MqttConnection}, stopped before it.
 */
public class MqttResponderEndpointRegistry implements SmartLifecycle, MqttConnectionListener {

	/** The lifecycle phase: after the connection. */
	public static final int PHASE = MqttConnection.PHASE + 100;

	private static final Log logger = LogFactory.getLog(MqttResponderEndpointRegistry.class);

	private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

	private final MqttConnection connection;

	private final MessageHandlerMethodFactory handlerMethodFactory;

	private final MqttReplySender replySender;

	private final Executor executor;

	private final List<MqttResponderMessageListener> listeners = new ArrayList<>();

	private final List<Runnable> routes = new ArrayList<>();

	private volatile boolean running;

	private volatile boolean autoStartup = true;

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
		checkSignature(endpoint);
		InvocableHandlerMethod handlerMethod = this.handlerMethodFactory.createInvocableHandlerMethod(endpoint.bean(),
				endpoint.method());
		MqttResponderMessageListener listener = new MqttResponderMessageListener(endpoint, handlerMethod,
				this.replySender);
		synchronized (this.listeners) {
			this.listeners.add(listener);
			if (this.running) {
				activate(listener);
				await(List.of(subscribe(listener)));
			}
		}
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

	@Override
	public void start() {
		synchronized (this.listeners) {
			if (this.running) {
				return;
			}
			List<CompletableFuture<Void>> subscriptions = new ArrayList<>();
			for (MqttResponderMessageListener listener : this.listeners) {
				activate(listener);
				subscriptions.add(subscribe(listener));
			}
			this.running = true;
			await(subscriptions);
		}
	}

	@Override
	public void stop() {
		synchronized (this.listeners) {
			this.running = false;
			this.routes.forEach(Runnable::run);
			this.routes.clear();
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
		if (!reconnect || !this.running) {
			return;
		}
		synchronized (this.listeners) {
			for (MqttResponderMessageListener listener : this.listeners) {
				subscribe(listener).whenComplete((granted, ex) -> {
					if (ex != null) {
						logger.error("Could not subscribe " + listener.getEndpoint().methodName() + " again after "
								+ "reconnecting: " + ex.getMessage());
					}
				});
			}
		}
	}

	private void activate(MqttResponderMessageListener listener) {
		this.routes.add(this.connection.addRoute(listener.getEndpoint().subscriptionFilter(), listener, this.executor));
	}

	private CompletableFuture<Void> subscribe(MqttResponderMessageListener listener) {
		MqttResponderEndpoint endpoint = listener.getEndpoint();
		return this.connection.subscribe(endpoint.subscriptionFilter(), endpoint.qos()).whenComplete((granted, ex) -> {
			if (ex == null) {
				logger.info("Responder " + endpoint.methodName() + " subscribed to '" + endpoint.subscriptionFilter()
						+ "'");
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

	private static void checkSignature(MqttResponderEndpoint endpoint) {
		Method method = endpoint.method();
		int payloadParameters = 0;
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			boolean resolvedOtherwise = parameter.hasParameterAnnotation(Header.class)
					|| parameter.hasParameterAnnotation(Headers.class) || Message.class.isAssignableFrom(type)
					|| MessageHeaders.class.isAssignableFrom(type);
			if (!resolvedOtherwise) {
				payloadParameters++;
			}
		}
		if (payloadParameters > 1) {
			throw new IllegalStateException("@MqttResponder method " + endpoint.methodName() + " has "
					+ payloadParameters + " parameters that would each receive the payload. Keep one payload "
					+ "parameter and annotate the others with @Header, or take Message<?>.");
		}
	}

}
