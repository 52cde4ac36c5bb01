package dev.mqttrr.autoconfigure.embedded;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A failed start-up ends the JVM: an application whose embedded broker cannot bind its port, run
 * as a separate JVM, exits with a non-zero status and prints Spring Boot's "APPLICATION FAILED TO
 * START" report saying what to do, instead of being kept alive by the threads of a broker that
 * never started.
 */
class EmbeddedBrokerPortInUseIntegrationTests {

	/** Start-up, the failed bind and closing the broker take a few seconds; a hang takes forever. */
	private static final long EXIT_TIMEOUT_SECONDS = 30;

	@Test
	void applicationExitsWithAnErrorWhenTheEmbeddedBrokerPortIsInUse(@TempDir Path folder) throws Exception {
		try (ServerSocket holder = new ServerSocket()) {
			holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = holder.getLocalPort();
			Path output = folder.resolve("output.txt");
			// The test class path has Spring Boot's Docker Compose support, which outside a test
			// run looks for a compose.yaml and fails start-up without one.
			Process process = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
					"-XX:TieredStopAtLevel=1", PortInUseApplication.class.getName(), "--spring.main.banner-mode=off",
					"--spring.docker.compose.enabled=false", "--mqtt.embedded.enabled=true",
					"--mqtt.embedded.host=127.0.0.1", "--mqtt.embedded.port=" + port)
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			try {
				if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					fail("The application was still running " + EXIT_TIMEOUT_SECONDS
							+ " s after it started with its broker port in use. Its output:%n%s", read(output));
				}
				String text = read(output);
				assertThat(process.exitValue()).as("exit status; output:%n%s", text).isNotZero();
				assertThat(text).contains("APPLICATION FAILED TO START");
				String description = text.substring(text.indexOf("Description:"), text.indexOf("Action:"));
				String action = text.substring(text.indexOf("Action:"));
				assertThat(description).contains("The embedded MQTT broker (HiveMQ CE) could not start: port " + port
						+ " on 127.0.0.1 is already in use.");
				assertThat(action).contains("Stop the process that listens on port " + port)
					.contains("set mqtt.embedded.port to another port (0 picks a free one)")
					.contains("set mqtt.url=tcp://127.0.0.1:" + port);
			}
			finally {
				if (process.isAlive()) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
		}
	}

	private static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
	}

	private static String read(Path output) throws IOException {
		return Files.readString(output, StandardCharsets.UTF_8);
	}

}
