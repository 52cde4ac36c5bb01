package dev.mqttrr.connection;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttConnectionListener;

/**
 * Tells the {@link MqttConnectionListener}s of connects and losses, one event at a time and in
 * the order they happened (a late "lost" must not overtake the "connected" that followed it, nor
 * a stop the "connected" before it), on an executor, never on Paho's callback thread. Once that executor refuses work (it is shut
 * down), events are told on the caller's thread.
 */
final class ConnectionEvents {

	private static final Log logger = LogFactory.getLog(ConnectionEvents.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final List<MqttConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final Executor executor;

	private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile @Nullable Thread drainingThread;

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
	 * Tell of a stop after the events before it, and wait (a bounded time) until every listener
	 * has heard: when a stop returns, every waiting request has failed. A listener that stops the
	 * connection itself does not wait for its own event.
	 */
	void stopped(Throwable cause) {
		CountDownLatch told = new CountDownLatch(1);
		enqueue((listener) -> listener.connectionLost(cause), told::countDown);
		if (Thread.currentThread() == this.drainingThread) {
			return;
		}
		try {
			if (!told.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("MQTT connection listeners did not hear of the stop within " + STOP_WAIT.toSeconds()
						+ " s; a listener blocks the connection's event thread");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void enqueue(Consumer<MqttConnectionListener> event) {
		enqueue(event, () -> {
		});
	}

	private void enqueue(Consumer<MqttConnectionListener> event, Runnable afterwards) {
		this.queue.add(() -> {
			try {
				tell(event);
			}
			finally {
				afterwards.run();
			}
		});
		schedule();
	}

	private void schedule() {
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
		this.drainingThread = Thread.currentThread();
		try {
			Runnable event;
			while ((event = this.queue.poll()) != null) {
				event.run();
			}
		}
		finally {
			this.drainingThread = null;
			this.draining.set(false);
		}
		if (!this.queue.isEmpty()) {
			schedule();
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
