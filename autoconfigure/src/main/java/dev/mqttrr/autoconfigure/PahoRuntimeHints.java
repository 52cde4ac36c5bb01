package dev.mqttrr.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What Paho loads by name, for native images: its logger class, created by
 * {@code Class.forName(...).newInstance()}, and the resource bundles of its log and exception
 * messages. Its network modules come through {@code ServiceLoader}, which native images handle.
 */
class PahoRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TypeReference.of("org.eclipse.paho.mqttv5.client.logging.JSR47Logger"),
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.resources()
			.registerResourceBundle("org.eclipse.paho.mqttv5.client.internal.nls.logcat")
			.registerResourceBundle("org.eclipse.paho.mqttv5.common.nls.logcat")
			.registerResourceBundle("org.eclipse.paho.mqttv5.common.nls.messages");
	}

}
