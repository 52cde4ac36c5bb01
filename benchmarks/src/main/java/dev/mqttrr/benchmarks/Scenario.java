package dev.mqttrr.benchmarks;

/**
 * One way of doing request/reply, set up against a broker.
 */
interface Scenario extends AutoCloseable {

	/**
	 * Return the row name, such as {@code raw-inbox}.
	 */
	String name();

	/**
	 * Return a requester for the given QoS and payload size, safe to call from many threads.
	 * Each call sends one request, waits for its echo and fails if the echo is wrong.
	 */
	Requester requester(int qos, int payloadSize);

	/**
	 * Send requests that no one answers, for the heap measurement; return a handle that
	 * abandons them.
	 */
	AutoCloseable sendUnanswered(int count) throws Exception;

	/**
	 * Return how many requests wait for a reply now (after a run: must be 0).
	 */
	int pendingRequests();

	@Override
	void close();

	/**
	 * Sends one request and waits for its reply.
	 */
	@FunctionalInterface
	interface Requester {

		void call() throws Exception;

	}

}
