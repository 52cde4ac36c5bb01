package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a request object cannot be turned into a payload, or a reply payload into the
 * requested type (for example broken JSON, or a content type no converter reads).
 */
public class MqttMessageConversionException extends MqttRequestResponseException {

	/**
	 * Create an exception.
	 * @param message what could not be converted, and why
	 * @param cause the converter's failure, if any
	 */
	public MqttMessageConversionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
