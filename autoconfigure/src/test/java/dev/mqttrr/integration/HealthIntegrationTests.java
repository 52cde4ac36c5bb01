package dev.mqttrr.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code mqtt} health component against a Mosquitto process: up while connected with the
 * responders subscribed, down within the keep-alive when the broker dies or freezes, up again when
 * it is back, and down naming the filter when the broker's access control refuses a responder.
 */
class HealthIntegrationTests {

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

	/** Where Debian's and Ubuntu's mosquitto package installs it, by architecture, and elsewhere. */
	private static final List<String> DYNAMIC_SECURITY_PLUGINS = List.of(
			"/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so",
			"/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so", "/usr/lib/mosquitto_dynamic_security.so",
			"/usr/local/lib/mosquitto_dynamic_security.so");

	private static final String PASSWORD = "s3cret-health-password";

	private final MosquittoBroker broker = new MosquittoBroker();

	private ConfigurableApplicationContext context;

	private boolean paused;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.paused) {
			this.broker.resume();
		}
		this.broker.stop();
	}

	@Test
	void upWhileConnectedDownWithinKeepAliveAfterTheBrokerIsKilledUpAfterItRestarts() {
		this.broker.start();
		HealthIndicator health = start(Responders.class, "mqtt.username=health-user", "mqtt.password=" + PASSWORD);
		String clientId = this.context.getBean(MqttConnection.class).getClientId();
		Health up = health.health(true);
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsOnly(Map.entry("url", this.broker.url()), Map.entry("clientId", clientId),
				Map.entry("pendingRequests", 0), Map.entry("responders", 2));

		Instant beforeKill = Instant.now();
		this.broker.kill();
		long killed = System.nanoTime();
		await("DOWN within the keep-alive").atMost(KEEP_ALIVE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> health.health(true).getStatus().equals(Status.DOWN));
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(KEEP_ALIVE);
		Health down = health.health(true);
		assertThat(down.getDetails()).containsEntry("reason", "not connected to the broker")
			.containsEntry("url", this.broker.url())
			.containsKeys("disconnectedSince", "lastError")
			.doesNotContainKey("refusedSubscriptions");
		assertThat(Instant.parse((String) down.getDetails().get("disconnectedSince"))).isBetween(beforeKill,
				Instant.now());
		assertThat((String) down.getDetails().get("lastError"))
			.containsAnyOf("Connection lost", "Unable to connect to server");
		assertNoCredentials(down);

		this.broker.start();
		await("UP after the broker restarted").atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> health.health(true).getStatus().equals(Status.UP));
		assertThat(health.health(true).getDetails()).doesNotContainKeys("reason", "disconnectedSince", "lastError");
		assertThat(this.context.getBean(MqttRequestTemplate.class)
			.request("health/allowed", "again".getBytes(StandardCharsets.UTF_8))
			.payloadAsString()).isEqualTo("again");
	}

	@Test
	void downWhenTheBrokerFreezesFoundByTheKeepAlive() {
		this.broker.start();
		HealthIndicator health = start(Responders.class);
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		this.broker.pause();
		this.paused = true;
		// Nothing closes the socket: only the keep-alive finds out (a PINGREQ after one interval of
		// silence, unanswered for another).
		await("DOWN after the keep-alive found the link silent").atMost(KEEP_ALIVE.multipliedBy(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> health.health(true).getStatus().equals(Status.DOWN));
		assertThat(health.health(true).getDetails()).containsKeys("disconnectedSince", "lastError");
		this.broker.resume();
		this.paused = false;
		await("UP after the broker resumed").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> health.health(true).getStatus().equals(Status.UP));
	}

	@Test
	void downNamingTheSubscriptionTheBrokerRefuses(@TempDir Path folder) throws IOException {
		String plugin = DYNAMIC_SECURITY_PLUGINS.stream()
			.filter((candidate) -> Files.isReadable(Path.of(candidate)))
			.findFirst()
			.orElse(null);
		Assumptions.assumeTrue(plugin != null || System.getenv("CI") != null,
				"Mosquitto's dynamic security plugin is not installed");
		// Mosquitto's acl_file does not refuse a SUBSCRIBE (2.0.11 grants it and withholds the
		// messages); its dynamic security plugin does, with SUBACK reason code 0x87, not authorized.
		Path config = Files.writeString(folder.resolve("dynamic-security.json"), """
				{
					"defaultACLAccess": { "publishClientSend": true, "publishClientReceive": true,
						"subscribe": true, "unsubscribe": true },
					"clients": [],
					"groups": [ { "groupname": "anonymous", "roles": [ { "rolename": "no-denied" } ] } ],
					"roles": [ { "rolename": "no-denied", "acls": [
						{ "acltype": "subscribeLiteral", "topic": "health/denied", "priority": 0, "allow": false } ] } ],
					"anonymousGroup": "anonymous"
				}
				""");
		// Mosquitto started as root runs as the user 'mosquitto', which must be able to read it.
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
		this.broker.withConfig("plugin " + plugin + "\nplugin_opt_config_file " + config);
		// Started before the broker: on a first start the registry fails start-up on a refusal; once
		// the application runs, a refusal after (re)connecting is what health reports.
		// Anonymous: the plugin's anonymous group holds the rule.
		HealthIndicator health = start(Responders.class, "mqtt.connection-timeout=1s");
		this.broker.start();
		await("DOWN with the refused subscription").atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> health.health(true).getDetails().containsKey("refusedSubscriptions"));
		Health down = health.health(true);
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("reason", "the broker refused 1 responder subscription")
			.doesNotContainKeys("disconnectedSince", "lastError");
		@SuppressWarnings("unchecked")
		Map<String, String> refused = (Map<String, String>) down.getDetails().get("refusedSubscriptions");
		assertThat(refused).containsOnlyKeys("health/denied");
		assertThat(refused.get("health/denied")).contains("0x87", "not authorized");
		// The responder the broker allowed serves.
		assertThat(this.context.getBean(MqttRequestTemplate.class)
			.request("health/allowed", "allowed".getBytes(StandardCharsets.UTF_8))
			.payloadAsString()).isEqualTo("allowed");
	}

	private HealthIndicator start(Class<?> source, String... properties) {
		this.context = AbstractRequestResponseIntegrationTests
			.application(source, this.broker.url(), "health", "mqtt.keep-alive=" + KEEP_ALIVE.toSeconds() + "s")
			.properties(properties)
			.run();
		return (HealthIndicator) this.context.getBean(HealthContributorRegistry.class).getContributor("mqtt");
	}

	private static void assertNoCredentials(Health health) {
		assertThat(health.toString()).doesNotContain(PASSWORD);
		assertThat(health.getDetails().values()).allSatisfy((value) -> assertThat(String.valueOf(value))
			.doesNotContain(PASSWORD));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Responders {

		@MqttResponder("health/allowed")
		String allowed(String request) {
			return request;
		}

		@MqttResponder("health/denied")
		String denied(String request) {
			return request;
		}

	}

}
