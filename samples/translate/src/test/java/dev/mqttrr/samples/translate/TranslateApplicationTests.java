package dev.mqttrr.samples.translate;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;
import dev.mqttrr.core.MqttRequestOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sample as the README runs it: embedded broker, responder and requester in one application.
 */
@SpringBootTest(properties = "mqtt.embedded.port=0")
@ExtendWith(OutputCaptureExtension.class)
class TranslateApplicationTests {

	@Autowired
	private MqttRequestOperations mqtt;

	@Autowired
	private EmbeddedHiveMqBroker broker;

	@Test
	void printsEachRequestAndReply(CapturedOutput output) {
		assertThat(output).contains("request  services/translate: hello world")
			.containsPattern("reply    mqttrr/replies/translate-[0-9a-f]{8}: bonjour monde")
			.contains("le chat dort");
	}

	@Test
	void translatesARequest() {
		assertThat(this.mqtt.request("services/translate", "Good Morning".getBytes(StandardCharsets.UTF_8))
			.payloadAsString()).isEqualTo("bon matin");
	}

	@Test
	void answersMosquittoRr() throws Exception {
		String mosquittoRr = binary("mosquitto_rr");
		Process process = new ProcessBuilder(mosquittoRr, "-V", "5", "-h", "127.0.0.1", "-p",
				String.valueOf(this.broker.getPort()), "-t", "services/translate", "-e", "replies/cli", "-m",
				"hello world", "-W", "10")
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		String reply = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(reply).isEqualTo("bonjour monde");
		assertThat(process.exitValue()).isZero();
	}

	static String binary(String name) {
		for (String dir : new String[] { "/usr/bin", "/usr/local/bin" }) {
			File file = new File(dir, name);
			if (file.canExecute()) {
				return file.getPath();
			}
		}
		if (System.getenv("CI") != null) {
			fail(name + " is not installed (apt-get install -y mosquitto-clients); under CI it must be");
		}
		Assumptions.abort(name + " is not installed (apt-get install -y mosquitto-clients)");
		return name;
	}

}
