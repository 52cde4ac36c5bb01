package dev.mqttrr.core;

import org.springframework.util.Assert;

/**
 * An MQTT 5 user property: a name/value pair. A message may carry several with the same name, in
 * order.
 *
 * @param name the property name
 * @param value the property value
 */
public record UserProperty(String name, String value) {

	/**
	 * Create a user property.
	 * @param name the property name, not {@code null}
	 * @param value the property value, not {@code null}
	 */
	public UserProperty {
		Assert.notNull(name, "'name' must not be null");
		Assert.notNull(value, "'value' must not be null");
	}

}
