package dev.mqttrr.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MqttTopicsTests {

	@ParameterizedTest
	@CsvSource({ "a/b, a/b, true", "a/b, a/c, false", "a/+, a/b, true", "a/+, a/b/c, false", "a/+, a/, true",
			"a/+, a, false", "a/#, a, true", "a/#, a/b/c, true", "#, a/b, true", "+/b, a/b, true", "+, a/b, false",
			"sport/#, sports, false", "+/+, /x, true", "#, $SYS/info, false", "+/info, $SYS/info, false",
			"$SYS/#, $SYS/info, true", "$share/g/a/+, a/b, true", "$share/g/a/+, $share/g/a/b, false",
			"a/+/c, a/b/c, true", "a/+/c, a/b/d, false" })
	void matchesFollowsMqtt5(String filter, String topic, boolean expected) {
		assertThat(MqttTopics.matches(filter, topic)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "a/+, a/#, true", "a/+, b/#, false", "a/b, a/b, true", "a/b, a/c, false", "a/#, a, true",
			"a/+, a, false", "+/x, a/+, true", "+/x, a/y, false", "a/b/c, a/+, false", "#, x/y/z, true",
			"$share/g/a/+, a/b, true", "$share/g/a/+, $share/h/a/#, true", "a/+/c, a/b/+, true" })
	void overlapTellsWhetherSomeTopicMatchesBoth(String first, String second, boolean expected) {
		assertThat(MqttTopics.overlap(first, second)).isEqualTo(expected);
		assertThat(MqttTopics.overlap(second, first)).isEqualTo(expected);
	}

	@Test
	void responseTopicMustNotStartWithADollar() {
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateResponseTopic("$share/group/replies"))
			.withMessageStartingWith("'responseTopic' must not start with '$': $share/group/replies");
		assertThat(MqttTopics.validateResponseTopic("replies/a")).isEqualTo("replies/a");
	}

	@Test
	void topicNameMustNotBeEmptyOrHaveWildcards() {
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateTopicName("", "topic"))
			.withMessage("'topic' must not be empty");
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateResponseTopic("replies/#"))
			.withMessageStartingWith("'responseTopic' must not contain wildcards (+ or #): replies/#")
			.satisfies((ex) -> assertThat(ex.getTopic()).isEqualTo("replies/#"));
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateTopicName("a\u0000b", "topic"));
		assertThat(MqttTopics.validateTopicName("a/b c/ü", "topic")).isEqualTo("a/b c/ü");
	}

	@Test
	void topicLongerThan65535Utf8BytesIsRejected() {
		assertThat(MqttTopics.validateTopicName("a".repeat(65535), "topic")).hasSize(65535);
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateTopicName("ü".repeat(40000), "topic"))
			.withMessageContaining("80000 bytes");
	}

	@Test
	void filterWildcardsMustBeWholeLevels() {
		assertThat(MqttTopics.validateTopicFilter("a/+/b/#", "filter")).isEqualTo("a/+/b/#");
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateTopicFilter("a/#/b", "filter"));
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateTopicFilter("a/b+", "filter"));
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.validateTopicFilter("$share/g", "filter"));
	}

	@Test
	void sharedFilterAddsThePrefixOnlyForAGroup() {
		assertThat(MqttTopics.sharedFilter("", "a/b")).isEqualTo("a/b");
		assertThat(MqttTopics.sharedFilter("workers", "a/b")).isEqualTo("$share/workers/a/b");
		assertThat(MqttTopics.stripSharePrefix("$share/workers/a/b")).isEqualTo("a/b");
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> MqttTopics.sharedFilter("a/b", "x"));
	}

}
