package dev.mqttrr.integration;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault scenario 3: a responder killed without DISCONNECT (its JVM gets SIGKILL) while it holds
 * 100 delivered, unanswered requests. Requests are acknowledged only once answered, and its
 * session is persistent, so the broker keeps them and delivers them again when it comes back:
 * every caller gets its own reply within its timeout.
 */
class CrashedResponderIntegrationTests {

	private static final int REQUESTS = 100;

	@TempDir
	Path output;

	@Test
	void requestsHeldByAKilledResponderAreAnsweredAfterItRestarts() throws Exception {
		// Mosquitto sends at most 20 unacknowledged messages to a client by default; allow all 100
		// to be delivered, so that all of them are in the killed process when it dies.
		MosquittoBroker broker = new MosquittoBroker().withConfig("max_inflight_messages " + REQUESTS).start();
		String clientId = "crashable-" + UUID.randomUUID().toString().substring(0, 8);
		Process holding = null;
		Process answering = null;
		try (ConfigurableApplicationContext callers = AbstractRequestResponseIntegrationTests
			.application(Callers.class, broker.url(), "crash-callers").run()) {
			MqttRequestTemplate template = callers.getBean(MqttRequestTemplate.class);
			Path holdingOutput = this.output.resolve("holding.log");
			holding = responder(broker.url(), clientId, "hold", holdingOutput);
			awaitLine(holdingOutput, "ready");
			List<String> nonces = new ArrayList<>();
			List<CompletableFuture<MqttReply>> replies = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				String nonce = UUID.randomUUID().toString();
				nonces.add(nonce);
				replies.add(template.requestAsync(CrashableResponderApplication.TOPIC,
						nonce.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60)));
			}
			awaitLine(holdingOutput, "received " + REQUESTS);
			holding.destroyForcibly();
			assertThat(holding.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(holding.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

			Path answeringOutput = this.output.resolve("answering.log");
			answering = responder(broker.url(), clientId, "answer", answeringOutput);
			for (int i = 0; i < REQUESTS; i++) {
				assertThat(replies.get(i)).succeedsWithin(Duration.ofSeconds(60))
					.extracting(MqttReply::payloadAsString)
					.isEqualTo(nonces.get(i));
			}
			assertThat(template.getPendingRequestCount()).isZero();
		}
		finally {
			for (Process process : new Process[] { holding, answering }) {
				if (process != null) {
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
				}
			}
			broker.stop();
		}
	}

	private static Process responder(String url, String clientId, String mode, Path output) throws IOException {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-cp", classpath, "-Xmx256m", CrashableResponderApplication.class.getName(),
				url, clientId, mode)
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
	}

	private static void awaitLine(Path file, String line) {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(lines(file.toFile())).as("output of the responder JVM").contains(line));
	}

	private static List<String> lines(File file) throws IOException {
		return file.exists() ? Files.readAllLines(file.toPath()) : List.of();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Callers {

	}

}
