package dev.mqttrr.core;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception that mqtt-rr throws. Unchecked, like Spring's own messaging exceptions.
 */
public class MqttRequestResponseException extends RuntimeException {

	/**
	 * Create an exception with a message that says what failed and what to do.
	 * @param message the detail message
	 */
	public MqttRequestResponseException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and the failure underneath it.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public MqttRequestResponseException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Make this exception, created on another thread, show the frames of the thread that throws
	 * it now: a blocked caller's log then names the call that failed. The frames where the
	 * failure was detected stay attached as a suppressed exception.
	 */
	MqttRequestResponseException rethrownHere() {
		StackTraceElement[] detected = getStackTrace();
		fillInStackTrace();
		StackTraceElement[] here = getStackTrace();
		// Drop this method's own frame.
		setStackTrace(Arrays.copyOfRange(here, Math.min(1, here.length), here.length));
		Exception origin = new Exception("Where the failure was detected");
		origin.setStackTrace(detected);
		addSuppressed(origin);
		return this;
	}

}
