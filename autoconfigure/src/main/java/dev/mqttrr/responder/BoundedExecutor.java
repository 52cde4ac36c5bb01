package dev.mqttrr.responder;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets one responder have at most a given number of requests queued or running on the shared
 * responder executor, and refuses more with a {@link RejectedExecutionException} (answered as
 * busy). Each responder has its own bound, so a flood on one topic gets busy replies while the
 * requests of other responders still go in, and wait behind at most that many of the flood's.
 */
final class BoundedExecutor implements Executor {

	private final Executor executor;

	private final int limit;

	private final AtomicInteger taken = new AtomicInteger();

	BoundedExecutor(Executor executor, int limit) {
		this.executor = executor;
		this.limit = limit;
	}

	@Override
	public void execute(Runnable task) {
		if (this.taken.incrementAndGet() > this.limit) {
			this.taken.decrementAndGet();
			throw new RejectedExecutionException("At most " + this.limit + " requests queued or running");
		}
		try {
			this.executor.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.taken.decrementAndGet();
				}
			});
		}
		catch (RuntimeException | Error ex) {
			this.taken.decrementAndGet();
			throw ex;
		}
	}

}
