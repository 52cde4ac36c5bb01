package dev.mqttrr.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order they were submitted, on another executor: connection
 * events must reach listeners in the order they happened (a late "lost" must not overtake the
 * "connected" that followed it). Runs a task on the caller's thread once the other executor
 * refuses work (it is shut down).
 */
final class SerialExecutor implements Executor {

	private final Executor delegate;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	SerialExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		schedule();
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.delegate.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				drain();
			}
		}
	}

	private void drain() {
		try {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				task.run();
			}
		}
		finally {
			this.draining.set(false);
		}
		if (!this.tasks.isEmpty()) {
			schedule();
		}
	}

}
