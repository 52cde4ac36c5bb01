package dev.mqttrr.autoconfigure;

import java.util.concurrent.CompletableFuture;

import org.eclipse.paho.mqttv5.client.logging.JSR47Logger;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.support.MqttHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's AOT processing, as a native-image build runs it, registers what a native image needs
 * to serve {@code @MqttResponder} methods and to run Paho.
 */
class RuntimeHintsTests {

	@Test
	void responderMethodsAndTheTypesTheyConvertAreRegisteredForReflection() {
		RuntimeHints hints = processAheadOfTime(Responders.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Responders.class, "order")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Responders.class, "async")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Responders.class, "message")).accepts(hints);
		// Payloads and return values are read and written by Jackson: their accessors too.
		assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class, "item")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Receipt.class, "number")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(AsyncReceipt.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(MessageBody.class)).accepts(hints);
		// A header is not converted from the payload.
		assertThat(RuntimeHintsPredicates.reflection().onType(HeaderOnly.class)).rejects(hints);
	}

	@Test
	void pahosLoggerAndMessageBundlesAreRegistered() {
		RuntimeHints hints = processAheadOfTime(MqttAutoConfiguration.class);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(JSR47Logger.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forBundle("org.eclipse.paho.mqttv5.common.nls.messages"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forBundle("org.eclipse.paho.mqttv5.client.internal.nls.logcat"))
			.accepts(hints);
	}

	/**
	 * Run the AOT processing of a context made of the given classes and return the hints it
	 * contributed.
	 */
	private static RuntimeHints processAheadOfTime(Class<?>... components) {
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(RuntimeHintsTests.class)), new InMemoryGeneratedFiles());
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(components);
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		}
		return generationContext.getRuntimeHints();
	}

	record Order(String item, int quantity) {
	}

	record Receipt(long number) {
	}

	record AsyncReceipt(long number) {
	}

	record MessageBody(String text) {
	}

	record HeaderOnly(String value) {
	}

	static class Responders {

		@MqttResponder("shop/order")
		Receipt order(Order order, @Header(MqttHeaders.TOPIC) HeaderOnly topic) {
			return new Receipt(1);
		}

		@MqttResponder("shop/async")
		CompletableFuture<AsyncReceipt> async(String text) {
			return CompletableFuture.completedFuture(new AsyncReceipt(2));
		}

		@MqttResponder("shop/message")
		String message(Message<MessageBody> message) {
			return message.getPayload().text();
		}

	}

}
