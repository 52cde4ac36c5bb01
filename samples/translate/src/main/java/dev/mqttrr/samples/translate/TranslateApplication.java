package dev.mqttrr.samples.translate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Request/reply over MQTT 5 in one application: {@link Translator} answers on
 * {@code services/translate}, {@link TranslateClient} sends it a few sentences and prints each
 * request and reply.
 * <p>
 * {@code --translate.mode=responder} runs only the responder (and keeps running);
 * {@code --translate.mode=requester} only sends. With no {@code mqtt.url} an embedded broker
 * starts on port 1883; {@code --mqtt.url=tcp://host:1883} uses any other broker.
 */
@SpringBootApplication
public class TranslateApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(TranslateApplication.class, args);
		if (!"responder".equals(context.getEnvironment().getProperty("translate.mode"))) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
