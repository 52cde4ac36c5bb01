package dev.mqttrr.testcontainers;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * Base {@link ContainerConnectionDetailsFactory} for an MQTT broker container: the URL is
 * {@code tcp://} with the container's host and the port mapped to the broker's listener. None of
 * the brokers served takes client credentials from the container's settings, so the connection
 * has none.
 *
 * @param <C> the container type
 */
abstract class AbstractMqttContainerConnectionDetailsFactory<C extends Container<?>>
		extends ContainerConnectionDetailsFactory<C, MqttConnectionDetails> {

	/** The port of the MQTT listener inside the container, for every broker served here. */
	static final int MQTT_PORT = 1883;

	AbstractMqttContainerConnectionDetailsFactory(@Nullable String connectionName, String... requiredClassNames) {
		super(connectionName, requiredClassNames);
	}

	@Override
	protected final MqttConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<C> source) {
		return new MqttContainerConnectionDetails<>(source, this);
	}

	/**
	 * Return the port on the container's host that reaches the broker's MQTT listener.
	 * @param container the started container
	 * @return the mapped port
	 */
	abstract int getMqttPort(C container);

	/**
	 * {@link MqttConnectionDetails} backed by a {@link ContainerConnectionSource}; the URL is read
	 * when asked for, since the container is started by then.
	 *
	 * @param <C> the container type
	 */
	static final class MqttContainerConnectionDetails<C extends Container<?>> extends ContainerConnectionDetails<C>
			implements MqttConnectionDetails {

		private final AbstractMqttContainerConnectionDetailsFactory<C> factory;

		MqttContainerConnectionDetails(ContainerConnectionSource<C> source,
				AbstractMqttContainerConnectionDetailsFactory<C> factory) {
			super(source);
			this.factory = factory;
		}

		@Override
		public String getUrl() {
			C container = getContainer();
			return "tcp://" + container.getHost() + ":" + this.factory.getMqttPort(container);
		}

		/**
		 * Return the SSL bundle of the container's {@code @Ssl} annotations, if any. Public, as
		 * Boot's connection details interfaces declare it: the inherited method is protected,
		 * and a public {@code getSslBundle()} in {@link MqttConnectionDetails} could not be
		 * implemented by it.
		 * @return the bundle, or {@code null}
		 */
		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
