package dev.mqttrr.samples.translate;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestOperations;

/**
 * The requester: sends each sentence to {@code services/translate} and prints the reply.
 */
@Component
@ConditionalOnExpression("'${translate.mode:both}' != 'responder'")
class TranslateClient implements ApplicationRunner {

	private static final List<String> SENTENCES = List.of("hello world", "good morning", "the cat sleeps",
			"thank you");

	private final MqttRequestOperations mqtt;

	TranslateClient(MqttRequestOperations mqtt) {
		this.mqtt = mqtt;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String sentence : SENTENCES) {
			System.out.println("request  services/translate: " + sentence);
			MqttReply reply = this.mqtt.request("services/translate", sentence.getBytes(StandardCharsets.UTF_8));
			System.out.println("reply    " + reply.topic() + ": " + reply.payloadAsString());
		}
	}

}
