package dev.mqttrr.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A password in {@code mqtt.password} appears nowhere: not in the log of a start-up that the
 * broker refuses, not in the exception that says why.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsIntegrationTests {

	private static final String PASSWORD = "wrong-Secret-4711";

	@Test
	void aRefusedPasswordAppearsInNoLogLineAndNoException(CapturedOutput output, @TempDir Path folder)
			throws Exception {
		Path passwords = folder.resolve("passwords");
		Process passwd = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), "app", "right")
			.redirectErrorStream(true)
			.start();
		assertThat(passwd.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(passwd.exitValue()).isZero();
		// Mosquitto started as root runs as the user 'mosquitto', which must be able to read it.
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
		MosquittoBroker broker = new MosquittoBroker()
			.withConfig("allow_anonymous false\npassword_file " + passwords)
			.start();
		try {
			Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(App.class)
				.web(WebApplicationType.NONE)
				.properties("mqtt.url=" + broker.url(), "mqtt.username=app", "mqtt.password=" + PASSWORD,
						"logging.level.dev.mqttrr=DEBUG")
				.run()
				.close());
			assertThat(failure).hasStackTraceContaining("refused the credentials");
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain(PASSWORD);
			assertThat(output.getAll()).contains("refused the credentials").doesNotContain(PASSWORD);
		}
		finally {
			broker.stop();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
