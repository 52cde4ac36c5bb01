package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class ErrorRepliesTests {

	@Test
	void exceptionBecomesProblemDetailsAndBack() {
		byte[] json = ErrorReplies.toJson(new ArithmeticException("/ by zero"), "services/calculator");
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"urn:mqttrr:error:java.lang."
				+ "ArithmeticException\",\"title\":\"ArithmeticException\",\"detail\":\"/ by zero\",\"instance\":"
				+ "\"services/calculator\"}");
		MqttResponderException ex = ErrorReplies.toException(reply(json), "services/calculator");
		assertThat(ex.getType()).isEqualTo("urn:mqttrr:error:java.lang.ArithmeticException");
		assertThat(ex.getTitle()).isEqualTo("ArithmeticException");
		assertThat(ex.getDetail()).isEqualTo("/ by zero");
		assertThat(ex.getInstance()).isEqualTo("services/calculator");
		assertThat(ex.getMessage())
			.isEqualTo("The responder on 'services/calculator' replied with an error: ArithmeticException: / by zero");
	}

	@Test
	void problemFromAnotherPeerIsRead() {
		MqttResponderException ex = ErrorReplies.toException(reply(
				"{\"title\":\"Out of stock\",\"status\":409}".getBytes(StandardCharsets.UTF_8)), "shop/orders");
		assertThat(ex.getTitle()).isEqualTo("Out of stock");
		assertThat(ex.getType()).isNull();
		assertThat(ex.getDetail()).isNull();
		assertThat(ex.getInstance()).isNull();
		assertThat(ex.getMessage()).startsWith("The responder on 'shop/orders' replied with an error");
	}

	@Test
	void bodyThatIsNotJsonBecomesTheDetail() {
		MqttResponderException ex = ErrorReplies.toException(reply("boom".getBytes(StandardCharsets.UTF_8)), "t");
		assertThat(ex.getTitle()).isEqualTo("Responder error");
		assertThat(ex.getDetail()).isEqualTo("boom");
	}

	@Test
	void contentTypeRecognisedWithParameters() {
		assertThat(ErrorReplies.isErrorReply("application/problem+json")).isTrue();
		assertThat(ErrorReplies.isErrorReply("application/problem+json; charset=utf-8")).isTrue();
		assertThat(ErrorReplies.isErrorReply("application/json")).isFalse();
		assertThat(ErrorReplies.isErrorReply(null)).isFalse();
	}

	private static MqttReply reply(byte[] payload) {
		return new MqttReply("replies/x", payload,
				PublishProperties.builder().contentType(ErrorReplies.CONTENT_TYPE).build());
	}

}
