package dev.mqttrr.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that unwraps the exceptions that only carry another: what a future, a thread
 * hand-off or a reflective call wrapped around the real failure.
 */
public final class Exceptions {

	private Exceptions() {
	}

	/**
	 * Return the failure inside {@link ExecutionException}, {@link CompletionException},
	 * {@link InvocationTargetException} and {@link UndeclaredThrowableException} wrappers.
	 * @param ex the exception
	 * @return the innermost failure that is not such a wrapper
	 */
	public static Throwable unwrap(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException
				|| cause instanceof InvocationTargetException || cause instanceof UndeclaredThrowableException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
