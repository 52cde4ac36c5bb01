package dev.mqttrr.samples.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's two-terminal setup: a responder-only application with the embedded broker, and a
 * requester-only application pointed at it with {@code --mqtt.url}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeparateProcessesTests {

	@Test
	void requesterTalksToAResponderInAnotherApplication(CapturedOutput output) {
		try (ConfigurableApplicationContext responder = new SpringApplicationBuilder(TranslateApplication.class)
			.web(WebApplicationType.NONE)
			.run("--translate.mode=responder", "--mqtt.embedded.port=0")) {
			String url = responder.getBean(EmbeddedHiveMqBroker.class).getUrl();
			try (ConfigurableApplicationContext requester = new SpringApplicationBuilder(TranslateApplication.class)
				.web(WebApplicationType.NONE)
				.run("--translate.mode=requester", "--mqtt.url=" + url)) {
				assertThat(requester.getBeansOfType(Translator.class)).isEmpty();
				assertThat(requester.getBeansOfType(EmbeddedHiveMqBroker.class)).isEmpty();
				assertThat(output).contains("merci").contains("bon matin");
			}
		}
	}

}
