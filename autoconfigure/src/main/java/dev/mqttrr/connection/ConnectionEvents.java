package dev.mqttrr.connection;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mqttrr.core.MqttConnectionListener;

/**
 * Tells the {@link MqttConnectionListener}s of connects and losses, one event at a time and in
 * the order they happened (a late "lost" must not overtake the "connected" that followed it), on
 * an executor, never on Paho's callback thread. Once that executor refuses work (it is shut
 * down), events are told on the caller's thread.
 */
final class ConnectionEvents {

	private static final Log logger = LogFactory.getLog(ConnectionEvents.class);

	private final List<MqttConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final Executor executor;

	private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	ConnectionEvents(Executor executor) {
		this.executor = executor;
	}

	void add(MqttConnectionListener listener) {
		this.listeners.add(listener);
	}

	void connected(boolean reconnect) {
		enqueue((listener) -> listener.connected(reconnect));
	}

	void lost(Throwable cause) {
		enqueue((listener) -> listener.connectionLost(cause));
	}

	/**
	 * Tell of a stop on the calling thread, so that when it returns every listener has heard.
	 */
	void stopped(Throwable cause) {
		tell((listener) -> listener.connectionLost(cause));
	}

	private void enqueue(Consumer<MqttConnectionListener> event) {
		this.queue.add(() -> tell(event));
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				drain();
			}
		}
	}

	private void drain() {
		try {
			Runnable event;
			while ((event = this.queue.poll()) != null) {
				event.run();
			}
		}
		finally {
			this.draining.set(false);
		}
		if (!this.queue.isEmpty() && this.draining.compareAndSet(false, true)) {
			this.executor.execute(this::drain);
		}
	}

	private void tell(Consumer<MqttConnectionListener> event) {
		for (MqttConnectionListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.error("MQTT connection listener " + listener + " failed", ex);
			}
		}
	}

}
