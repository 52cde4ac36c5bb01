package dev.mqttrr.docker.compose;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.lifecycle.DockerComposeServicesReadyEvent;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * What Spring Boot's Docker Compose support hands the connection details factories once
 * {@code docker compose up} has run, made without Docker. Boot keeps the constructors of
 * {@link DockerComposeConnectionSource} and {@link DockerComposeServicesReadyEvent}
 * package-private (its own factory tests live in its packages), so they are called reflectively.
 */
final class ComposeServices {

	private ComposeServices() {
	}

	/** A running service whose container port 1883 is published on the given host port. */
	static RunningService service(String image, String host, int mqttPort) {
		return service(image, host, mqttPort, Map.of(), Map.of());
	}

	static RunningService service(String image, String host, int mqttPort, Map<String, @Nullable String> env,
			Map<String, String> labels) {
		ImageReference reference = ImageReference.of(image);
		String name = reference.getName().substring(reference.getName().lastIndexOf('/') + 1);
		return new Service(name, reference, host, new Ports(mqttPort), env, labels);
	}

	/** The simple names of this starter's factories that serve the service. */
	static List<String> servingFactories(RunningService service) {
		return Stream
			.of(new MosquittoDockerComposeConnectionDetailsFactory(), new HiveMqDockerComposeConnectionDetailsFactory(),
					new EmqxDockerComposeConnectionDetailsFactory())
			.filter((factory) -> factory.getConnectionDetails(source(service)) != null)
			.map((factory) -> factory.getClass().getSimpleName())
			.toList();
	}

	static DockerComposeConnectionSource source(RunningService service) {
		return instantiate(DockerComposeConnectionSource.class,
				new Class<?>[] { RunningService.class, Environment.class }, service, new StandardEnvironment());
	}

	static DockerComposeServicesReadyEvent servicesReady(ApplicationContext context, List<RunningService> services) {
		return instantiate(DockerComposeServicesReadyEvent.class,
				new Class<?>[] { ApplicationContext.class, List.class }, context, services);
	}

	private static <T> T instantiate(Class<T> type, Class<?>[] parameterTypes, Object... arguments) {
		try {
			Constructor<T> constructor = type.getDeclaredConstructor(parameterTypes);
			return BeanUtils.instantiateClass(constructor, arguments);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("Spring Boot no longer has the constructor " + type.getName()
					+ List.of(parameterTypes) + "; update this test fixture", ex);
		}
	}

	private record Service(String name, ImageReference image, String host, ConnectionPorts ports,
			Map<String, @Nullable String> env, Map<String, String> labels) implements RunningService {
	}

	private record Ports(int mqttPort) implements ConnectionPorts {

		@Override
		public int get(int containerPort) {
			if (containerPort != 1883) {
				throw new IllegalStateException("No host port mapping found for container port " + containerPort);
			}
			return this.mqttPort;
		}

		@Override
		public List<Integer> getAll() {
			return List.of(this.mqttPort);
		}

		@Override
		public List<Integer> getAll(@Nullable String protocol) {
			return ("udp".equals(protocol)) ? List.of() : getAll();
		}

	}

}
