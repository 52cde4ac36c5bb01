package dev.mqttrr.responder;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets one responder have at most a given number of requests taken and not finished on the
 * shared responder executor, and refuses more with a {@link RejectedExecutionException}
 * (answered as busy). A request counts from {@link #execute} until the responder calls
 * {@link #release()} when it is done with it, so a method returning a {@code CompletionStage}
 * holds its place until the stage completes and the reply is out, not only while it runs. Each
 * responder has its own bound, so a flood on one topic gets busy replies while the requests of
 * other responders still go in, and wait behind at most that many of the flood's.
 */
final class BoundedExecutor implements Executor {

	private final Executor executor;

	private final int limit;

	private final AtomicInteger taken = new AtomicInteger();

	BoundedExecutor(Executor executor, int limit) {
		this.executor = executor;
		this.limit = limit;
	}

	/**
	 * Take a place and run the task on the shared executor; the responder gives the place back
	 * with {@link #release()} once the request is done.
	 * @throws RejectedExecutionException when every place is taken, or the executor refuses
	 */
	@Override
	public void execute(Runnable task) {
		if (this.taken.incrementAndGet() > this.limit) {
			this.taken.decrementAndGet();
			throw new RejectedExecutionException("At most " + this.limit + " requests queued or running");
		}
		try {
			this.executor.execute(task);
		}
		catch (RuntimeException | Error ex) {
			release();
			throw ex;
		}
	}

	/**
	 * Give back the place of a request the responder is done with.
	 */
	void release() {
		this.taken.decrementAndGet();
	}

}
